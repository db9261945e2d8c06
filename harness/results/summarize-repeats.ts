import type { FailureRate, RepeatRecord, ScenarioResult } from './types.js';
import { wilsonInterval } from './wilson-interval.js';

/**
 * Summarizes the repeats of every scenario run with `--repeat N` (results carrying `repeat`):
 * how many ended as expected, and per failure (a failure name, `missing <name>`, `errored`) the
 * repeats it showed in, its rate and 95 % Wilson interval; the same per hardware model, over its
 * clones and the fleet's checks. Interrupted repeats do not count. Pure.
 */
export function summarizeRepeats(scenarios: readonly ScenarioResult[]): RepeatRecord[] {
  const groups = new Map<string, ScenarioResult[]>();
  for (const scenario of scenarios) {
    if (!scenario.repeat) continue;
    groups.set(scenario.repeat.of, [...(groups.get(scenario.repeat.of) ?? []), scenario]);
  }
  return [...groups].map(([name, repeats]) => {
    const done = repeats.filter((scenario) => scenario.status !== 'interrupted');
    const expected = new Set(done[0]?.expected === 'pass' || !done[0] ? [] : done[0].expected.reproduces as string[]);
    const machines = [...new Set(done.flatMap((scenario) => scenario.clones.map((clone) => clone.machine)))];
    const perMachine = machines.map((machine) => {
      const runs = done.filter((scenario) => scenario.clones.some((clone) => clone.machine === machine));
      const observed = runs.map((scenario) => observe(scenario, machine));
      return { machine, runs: runs.length, asExpected: observed.filter((entry) => entry.asExpected).length, failures: rateFailures(observed.map((entry) => entry.failures), expected) };
    });
    const observed = done.map((scenario) => observe(scenario));
    return { scenario: name, runs: done.length, asExpected: observed.filter((entry) => entry.asExpected).length, failures: rateFailures(observed.map((entry) => entry.failures), expected), machines: perMachine };
  });
}

/**
 * Writes a rate for people: `7/10 (70 %, 95 % CI 40–89 %)`.
 * @example formatRate({ count: 7, runs: 10, rate: 0.7, interval: [0.3968, 0.8922] }) // '7/10 (70 %, 95 % CI 40–89 %)'
 */
export function formatRate(rate: Pick<FailureRate, 'count' | 'runs' | 'rate' | 'interval'>): string {
  const percent = (value: number): number => Math.round(value * 100);
  return `${rate.count}/${rate.runs} (${percent(rate.rate)} %, 95 % CI ${percent(rate.interval[0])}–${percent(rate.interval[1])} %)`;
}

/** The failures one repeat showed (on one model's clones and the fleet, or everywhere), and whether it ended as expected there. */
function observe(scenario: ScenarioResult, machine?: string): { failures: Set<string>; asExpected: boolean } {
  const ids = new Set(scenario.clones.filter((clone) => machine === undefined || clone.machine === machine).map((clone) => clone.cloneId));
  const here = (where: string | undefined): boolean => where === undefined || where === 'fleet' || ids.has(where);
  const failures = new Set<string>();
  for (const check of scenario.checks) if (check.status === 'fail' && here(check.cloneId)) for (const failure of check.failures) failures.add(failure);
  const verdict = scenario.verdict;
  for (const entry of verdict?.missing ?? []) if (here(entry.where)) failures.add(`missing ${entry.failure}`);
  const errored = scenario.clones.some((clone) => ids.has(clone.cloneId) && clone.status === 'errored') || (scenario.status === 'errored' && !scenario.clones.some((clone) => clone.status === 'errored'));
  if (errored) failures.add('errored');
  if (machine === undefined) return { failures, asExpected: scenario.status === 'passed' || scenario.status === 'reproduced' };
  const unexpected = (verdict?.unexpected ?? []).some((entry) => here(entry.where)) || [...failures].some((failure) => failure.startsWith('missing '));
  return { failures, asExpected: !errored && !unexpected };
}

function rateFailures(observed: readonly Set<string>[], expected: ReadonlySet<string>): FailureRate[] {
  const names = [...new Set(observed.flatMap((failures) => [...failures]))].sort();
  const runs = observed.length;
  return names.map((failure) => {
    const count = observed.filter((failures) => failures.has(failure)).length;
    return { failure, count, runs, rate: runs === 0 ? 0 : count / runs, interval: wilsonInterval(count, runs), expected: expected.has(failure) };
  });
}
