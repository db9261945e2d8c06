import type { CloneRun, RunResult, ScenarioResult } from '../../harness/results/types.js';

/**
 * Builds a large result from a real one: its scenarios and clones repeated (ids renamed) until
 * there are `clones` clones, `perScenario` to a scenario. Artifacts still point at the real
 * files, so reporters read real logs and screenshots.
 */
export function synthesizeResult(real: RunResult, clones: number, perScenario = 20): RunResult {
  const templates = real.scenarios.filter((scenario) => scenario.clones.length > 0);
  if (templates.length === 0) throw new RangeError('the real result has no clone to copy');
  if (!Number.isInteger(clones) || clones < 1 || !Number.isInteger(perScenario) || perScenario < 1) throw new RangeError(`clones and perScenario must be positive integers, got ${clones} and ${perScenario}`);
  const scenarios: ScenarioResult[] = [];
  for (let made = 0, index = 0; made < clones; index++) {
    const template = templates[index % templates.length]!;
    const name = `${template.name}-${index + 1}`;
    const count = Math.min(perScenario, clones - made);
    const copies: CloneRun[] = Array.from({ length: count }, (_, n) => {
      const clone = template.clones[n % template.clones.length]!;
      return { ...clone, cloneId: `${name}/${clone.machine}#${n + 1}` };
    });
    const checks = template.checks.map((check) => (check.cloneId === undefined ? check : { ...check, cloneId: copies[0]!.cloneId }));
    scenarios.push({ ...template, name, clones: copies, checks });
    made += count;
  }
  return { ...real, planId: `synthetic-${clones}`, scenarios };
}
