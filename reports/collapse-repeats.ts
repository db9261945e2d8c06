import type { RunResult, ScenarioResult, ScenarioStatus } from '../harness/results/types.js';

// Worst first: a scenario repeated N times is as bad as its worst repeat.
const WORST: readonly ScenarioStatus[] = ['failed', 'errored', 'interrupted', 'reproduced', 'passed'];

/**
 * Joins the repeats of each scenario run with `--repeat N` (`name~1` … `name~N`) into one
 * scenario under its own name, in the place of its first repeat: every clone and check of every
 * repeat, the worst status and verdict. The matrix and `compare` read runs this way, so a cell
 * is one scenario × model however often it ran; its rates are in `result.repeats`. A run without
 * repeats is returned as it is.
 */
export function collapseRepeats(result: RunResult): RunResult {
  if (!result.scenarios.some((scenario) => scenario.repeat)) return result;
  const groups = new Map<string, ScenarioResult[]>();
  const order: (ScenarioResult | string)[] = [];
  for (const scenario of result.scenarios) {
    if (!scenario.repeat) {
      order.push(scenario);
      continue;
    }
    const of = scenario.repeat.of;
    if (!groups.has(of)) order.push(of);
    groups.set(of, [...(groups.get(of) ?? []), scenario]);
  }
  return { ...result, scenarios: order.map((entry) => (typeof entry === 'string' ? joinRepeats(entry, groups.get(entry) ?? []) : entry)) };
}

function joinRepeats(name: string, repeats: readonly ScenarioResult[]): ScenarioResult {
  const worst = <T extends string>(values: readonly T[]): T => [...values].sort((a, b) => WORST.indexOf(a as ScenarioStatus) - WORST.indexOf(b as ScenarioStatus))[0] as T;
  const { repeat: _repeat, ...first } = repeats[0] as ScenarioResult;
  const verdicts = repeats.flatMap((scenario) => (scenario.verdict ? [scenario.verdict] : []));
  const error = repeats.find((scenario) => scenario.error)?.error;
  return {
    ...first, name, status: worst(repeats.map((scenario) => scenario.status)),
    clones: repeats.flatMap((scenario) => scenario.clones),
    checks: repeats.flatMap((scenario) => scenario.checks),
    captureNotes: [...new Set(repeats.flatMap((scenario) => scenario.captureNotes))],
    durationMs: repeats.reduce((sum, scenario) => sum + scenario.durationMs, 0),
    ...(verdicts.length > 0 ? {
      verdict: {
        status: worst(verdicts.map((verdict) => verdict.status)),
        reproduced: [...new Set(verdicts.flatMap((verdict) => verdict.reproduced))],
        missing: verdicts.flatMap((verdict) => verdict.missing),
        unexpected: verdicts.flatMap((verdict) => verdict.unexpected),
      },
    } : {}),
    ...(error ? { error } : {}),
  };
}
