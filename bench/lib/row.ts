// One figure of the benchmark table: its value, its goal, and whether the goal is met.

/** A goal: the value must be at most / at least `value`. `source` says who set it. */
export interface Goal {
  op: '<=' | '>=';
  value: number;
  /** `issue`: the goal the benchmark issue sets; `bench`: a bound the bench chose where the issue sets none. */
  source: 'issue' | 'bench';
}

/** One row of the table. `value` null means the figure could not be measured (the note says why). */
export interface BenchRow {
  /** Item of the issue: 1 boot, 2 clone cost, 3 fleet, 4 overhead, 5 reports; 6 the placement check (issue 14); 7 the built-in library (issue 17); 8 the Debian guest (issue 15). */
  item: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
  figure: string;
  value: number | null;
  unit: string;
  goal?: Goal;
  note?: string;
}

/** A row with its verdict: true/false against the goal, undefined when there is no goal or no value. */
export interface JudgedRow extends BenchRow {
  met?: boolean;
}

/** Judges a row against its goal. */
export function judgeRow(row: BenchRow): JudgedRow {
  if (!row.goal || row.value === null || !Number.isFinite(row.value)) return { ...row };
  const met = row.goal.op === '<=' ? row.value <= row.goal.value : row.value >= row.goal.value;
  return { ...row, met };
}

/** Makes the row of a figure that could not be measured, with the reason. */
export function unavailableRow(item: BenchRow['item'], figure: string, unit: string, reason: string, goal?: Goal): BenchRow {
  return { item, figure, value: null, unit, ...(goal ? { goal } : {}), note: `not available: ${reason}` };
}
