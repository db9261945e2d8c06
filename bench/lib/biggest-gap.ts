import type { JudgedRow } from './row.js';

/** How far a missed row is from its goal, as a factor ≥ 1 (value/goal for ≤ goals, goal/value for ≥ goals). */
export function gapFactor(row: JudgedRow): number {
  if (row.met !== false || !row.goal || row.value === null) return 0;
  return row.goal.op === '<=' ? row.value / row.goal.value : row.goal.value / row.value;
}

/**
 * The missed row farthest from its goal, if any; with `source`, only among goals of that source
 * (the goals are the ones that count; the bench's own bounds are looser guides).
 */
export function findBiggestGap(rows: readonly JudgedRow[], source?: 'issue' | 'bench'): JudgedRow | undefined {
  let worst: JudgedRow | undefined;
  for (const row of rows) {
    if (source && row.goal?.source !== source) continue;
    if (gapFactor(row) > (worst ? gapFactor(worst) : 0)) worst = row;
  }
  return worst;
}
