import { describeErrorPlace } from '../errors/phase.js';
import type { ScenarioResult } from '../results/types.js';
import type { Judgement } from './search.js';

/**
 * Judges the scenario on one hardware model of a run: `errored` when a clone of it (or the
 * scenario before any clone) errored; `failed` when a check of its clones failed with a failure
 * the scenario does not expect, or a failure it expects shows neither on its clones nor fleet-wide;
 * else `expected`. The evidence names each failed check, its clone and its failures. Fleet checks
 * (uniqueness across every clone of the run) judge the fleet, not one model: they count only for
 * the failures the scenario expects.
 */
export function judgeModel(scenario: ScenarioResult, machine: string): Judgement {
  const clones = scenario.clones.filter((clone) => clone.machine === machine);
  if (clones.length === 0) {
    const error = scenario.error;
    return { verdict: 'errored', evidence: [error ? `${error.kind} in ${describeErrorPlace(error)}: ${error.message}` : `no clone of ${machine} ran (${scenario.status})`] };
  }
  const errored = clones.filter((clone) => clone.status === 'errored');
  if (errored.length > 0) {
    return { verdict: 'errored', evidence: errored.map((clone) => `${clone.cloneId}: ${clone.error ? `${clone.error.kind} in ${describeErrorPlace(clone.error)}: ${clone.error.message}` : 'errored'}`) };
  }
  const ids = new Set(clones.map((clone) => clone.cloneId));
  const expected = new Set<string>(scenario.expected === 'pass' ? [] : scenario.expected.reproduces);
  const own = scenario.checks.filter((check) => check.cloneId !== undefined && ids.has(check.cloneId) && check.status === 'fail');
  const evidence = own
    .filter((check) => check.failures.some((failure) => !expected.has(failure)))
    .map((check) => `${check.id} on ${check.cloneId}: ${check.failures.join(', ')} — ${check.summary}`);
  const seen = new Set([...own, ...scenario.checks.filter((check) => check.cloneId === undefined)].flatMap((check) => check.failures as string[]));
  for (const failure of expected) if (!seen.has(failure)) evidence.push(`expected ${failure} did not show on ${machine}`);
  return { verdict: evidence.length > 0 ? 'failed' : 'expected', evidence };
}
