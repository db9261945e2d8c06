import { formatRate } from '../../harness/results/summarize-repeats.js';
import type { RunResult, ScenarioResult } from '../../harness/results/types.js';

/**
 * The JUnit properties of one repeat of a scenario (`--repeat N`): which repeat it is, and the
 * scenario's reproduction rates over all its repeats (`rate problem-10` = `7/10 (70 %, 95 % CI 40–89 %)`).
 * None for a scenario run once.
 */
export function listRepeatProperties(scenario: ScenarioResult, result: RunResult): { name: string; value: string }[] {
  if (!scenario.repeat) return [];
  const { of, index, count } = scenario.repeat;
  const record = result.repeats?.find((entry) => entry.scenario === of);
  return [
    { name: 'repeat', value: `${index} of ${count} (${of})` },
    ...(record ? [
      { name: 'repeats as expected', value: `${record.asExpected}/${record.runs}` },
      ...record.failures.map((rate) => ({ name: `rate ${rate.failure}`, value: `${formatRate(rate)}${rate.expected ? ' expected' : ''}` })),
    ] : []),
  ];
}
