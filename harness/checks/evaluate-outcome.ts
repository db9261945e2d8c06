import type { PlannedScenario } from '../plan/types.js';
import type { FailureName } from '../spec/failure-names.js';
import type { CheckResult } from './types.js';

/** How a scenario ended compared with what it expected. */
export interface OutcomeVerdict {
  /** `passed`: expected pass and all passed; `reproduced`: every expected failure showed and nothing else failed. */
  status: 'passed' | 'reproduced' | 'failed';
  reproduced: FailureName[];
  /** Expected failures that did not show (where). */
  missing: { failure: FailureName; where: string }[];
  /** Failures nobody expected (where). */
  unexpected: { failure: FailureName; where: string }[];
}

/**
 * Compares the observed failures with the expectation: the scenario's own list applies to the
 * whole fleet; a clone's list (a known organic incompatibility) applies to that clone only.
 */
export function evaluateOutcome(planned: PlannedScenario, checks: readonly CheckResult[]): OutcomeVerdict {
  const scenarioExpects = new Set<FailureName>(planned.scenario.expect === 'pass' ? [] : planned.scenario.expect.reproduces);
  const cloneExpects = new Map(planned.clones.map((clone) => [clone.id, new Set<FailureName>(clone.expect && clone.expect !== 'pass' ? clone.expect.reproduces : [])]));
  const observed = checks.flatMap((check) => check.failures.map((failure) => ({ failure, where: check.cloneId ?? 'fleet' })));
  const unexpected = observed.filter(({ failure, where }) => !scenarioExpects.has(failure) && !cloneExpects.get(where)?.has(failure));
  const missing = [
    ...[...scenarioExpects].filter((failure) => !observed.some((entry) => entry.failure === failure)).map((failure) => ({ failure, where: 'fleet' })),
    ...[...cloneExpects].flatMap(([cloneId, failures]) => [...failures]
      .filter((failure) => !scenarioExpects.has(failure) && !observed.some((entry) => entry.failure === failure && entry.where === cloneId))
      .map((failure) => ({ failure, where: cloneId }))),
  ];
  const reproduced = [...new Set(observed.map((entry) => entry.failure))].filter((failure) => !unexpected.some((entry) => entry.failure === failure));
  const status = unexpected.length > 0 || missing.length > 0 ? 'failed' : reproduced.length > 0 ? 'reproduced' : 'passed';
  return { status, reproduced, missing, unexpected: dedupe(unexpected) };
}

function dedupe(entries: { failure: FailureName; where: string }[]): { failure: FailureName; where: string }[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.failure}@${entry.where}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
