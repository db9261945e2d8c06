import { formatRate } from '../../harness/results/summarize-repeats.js';
import type { FailureRate, RepeatRecord, RunResult } from '../../harness/results/types.js';
import { intervalsOverlap, wilsonInterval } from '../../harness/results/wilson-interval.js';

/** A cell (or a whole scenario) that failed in some repeats: unstable, not a regression. */
export interface FlakyChange {
  scenario: string;
  /** The hardware models whose cells are flaky (empty: a scenario-wide failure). */
  machines: string[];
  /** Each unexpected failure with its rate now, and before when the baseline repeated the scenario too. */
  failures: { failure: string; head: string; base?: string }[];
  reason: string;
}

/**
 * Tells a flaky change from a regression, for a scenario whose cells on `machines` (none: the
 * scenario as a whole) were as expected before and are not now. Only repeats know: when the head
 * repeated it, every unexpected failure must be unstable. With a baseline that repeated it too,
 * the 95 % intervals decide (overlapping: no evidence of a change; apart: a regression, also when
 * the rate is below 1); without one, a rate strictly between 0 and 1 is flaky and a failure in
 * every repeat is a regression. Returns undefined for a regression.
 */
export function judgeFlaky(scenario: string, machines: readonly string[], base: RunResult, head: RunResult): FlakyChange | undefined {
  const headRates = collectUnexpected(head.repeats, scenario, machines);
  if (!headRates || headRates.length === 0) return undefined;
  const baseRecord = base.repeats?.find((record) => record.scenario === scenario);
  const failures: FlakyChange['failures'] = [];
  for (const rate of headRates) {
    if (baseRecord) {
      const before = findRate(baseRecord, machines, rate.failure);
      if (!intervalsOverlap(before.interval, rate.interval)) return undefined;
      failures.push({ failure: rate.failure, head: formatRate(rate), base: formatRate(before) });
    } else {
      if (rate.count === rate.runs) return undefined;
      failures.push({ failure: rate.failure, head: formatRate(rate) });
    }
  }
  const reason = baseRecord
    ? 'every failure\'s 95 % interval overlaps the baseline\'s: the repeats show no change, only instability'
    : 'every failure showed in some repeats, not all: unstable, not a regression';
  return { scenario, machines: [...machines], failures, reason };
}

/** The head's unexpected failure rates of those cells (merged over the models: the highest count), or undefined without repeats. */
function collectUnexpected(records: readonly RepeatRecord[] | undefined, scenario: string, machines: readonly string[]): FailureRate[] | undefined {
  const record = records?.find((entry) => entry.scenario === scenario);
  if (!record) return undefined;
  const rates = machines.length === 0 ? record.failures : record.machines.filter((entry) => machines.includes(entry.machine)).flatMap((entry) => entry.failures);
  const byFailure = new Map<string, FailureRate>();
  for (const rate of rates.filter((entry) => !entry.expected)) {
    const known = byFailure.get(rate.failure);
    if (!known || rate.count > known.count) byFailure.set(rate.failure, rate);
  }
  return [...byFailure.values()];
}

/** A failure's rate in the baseline's repeats of those cells; a failure that never showed there is 0 of its runs. */
function findRate(record: RepeatRecord, machines: readonly string[], failure: string): FailureRate {
  const entries = machines.length === 0 ? [{ runs: record.runs, failures: record.failures }] : record.machines.filter((entry) => machines.includes(entry.machine));
  const found = entries.flatMap((entry) => entry.failures).filter((rate) => rate.failure === failure).sort((a, b) => b.count - a.count)[0];
  if (found) return found;
  const runs = Math.max(record.runs, ...entries.map((entry) => entry.runs));
  return { failure, count: 0, runs, rate: 0, interval: wilsonInterval(0, runs), expected: false };
}
