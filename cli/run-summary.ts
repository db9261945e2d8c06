import path from 'node:path';
import { formatRate } from '../harness/results/summarize-repeats.js';
import type { RunResult } from '../harness/results/types.js';

/** Exit code of a run: 0 all as expected, 1 some not, 2 infrastructure errors, 130 interrupted. */
export function exitCodeOf(result: RunResult): number {
  if (result.interrupted) return 130;
  if (result.scenarios.some((scenario) => scenario.status === 'errored')) return 2;
  if (result.scenarios.some((scenario) => scenario.status === 'failed')) return 1;
  return 0;
}

/** Prints the outcome table and where the results are. */
export function printSummary(result: RunResult, outDir: string): void {
  const counts = new Map<string, number>();
  for (const scenario of result.scenarios) counts.set(scenario.status, (counts.get(scenario.status) ?? 0) + 1);
  const seconds = (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000;
  console.log(`\n${[...counts].map(([status, count]) => `${count} ${status}`).join(', ')} in ${seconds.toFixed(1)} s`);
  for (const record of result.repeats ?? []) {
    console.log(`${record.scenario}: ${record.asExpected} of ${record.runs} repeats as expected`);
    for (const rate of record.failures) console.log(`  ${rate.failure}${rate.expected ? ' (expected)' : ''}: ${formatRate(rate)}`);
  }
  console.log(`results: ${path.join(outDir, 'results.json')}`);
}
