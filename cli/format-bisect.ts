import type { BisectRecord } from '../harness/results/types.js';

const MARK = { expected: '✓', failed: '✗', invalid: '–', errored: '!' } as const;

/**
 * Writes a bisect as text: the dimensions the two models differ in, every model judged (round,
 * verdict, the first evidence), then the answer.
 * @example console.log(formatBisect(result.bisect))
 */
export function formatBisect(record: BisectRecord): string {
  const width = Math.max(...record.dimensions.map((dimension) => dimension.name.length), 4);
  const models = Math.max(...record.steps.map((step) => step.model.length), 10);
  const lines = [
    `bisect ${record.scenario}: ${record.good} (good) → ${record.bad} (bad) differ in ${record.dimensions.length} dimension(s):`,
    ...record.dimensions.map((dimension) => `  ${dimension.name.padEnd(width)}  ${dimension.good} → ${dimension.bad}`),
  ];
  for (const round of [...new Set(record.steps.map((step) => step.round))]) {
    lines.push(`round ${round}:`);
    for (const step of record.steps.filter((entry) => entry.round === round)) {
      const role = step.model === record.good ? ' (good)' : step.model === record.bad ? ' (bad)' : '';
      const why = step.evidence.length > 0 ? `: ${step.evidence[0]}${step.evidence.length > 1 ? ` (+${step.evidence.length - 1} more)` : ''}` : '';
      lines.push(`  ${MARK[step.verdict]} ${`${step.model}${role}`.padEnd(models + 7)} ${step.verdict}${why}`);
    }
  }
  lines.push('', record.summary);
  return lines.join('\n');
}
