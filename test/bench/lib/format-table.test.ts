import test from 'ava';
import { findBiggestGap, gapFactor } from '../../../bench/lib/biggest-gap.js';
import { formatMarkdownTable, formatNumber } from '../../../bench/lib/format-table.js';
import { judgeRow, unavailableRow, type BenchRow } from '../../../bench/lib/row.js';

const rows: BenchRow[] = [
  { item: 1, figure: 'boot / floor: ide', value: 1.45, unit: '×', goal: { op: '<=', value: 1.3, source: 'issue' }, note: 'guest 3 s | floor 2 s' },
  { item: 3, figure: 'jobs 2 speed-up', value: 1.9, unit: '×', goal: { op: '>=', value: 1.8, source: 'issue' } },
  { item: 3, figure: 'jobs 2 speed-up, small', value: 0.9, unit: '×', goal: { op: '>=', value: 1.8, source: 'issue' } },
  { item: 2, figure: 'overlay ms', value: 47.25, unit: 'ms' },
  unavailableRow(5, 'reports', 's', 'reports/ not built', { op: '<=', value: 5, source: 'bench' }),
];

test('judgeRow: ≤ and ≥ goals, no verdict without a goal or a value', (t) => {
  t.deepEqual(rows.map((row) => judgeRow(row).met), [false, true, false, undefined, undefined]);
  t.is(judgeRow({ ...rows[0]!, value: 1.3 }).met, true);
  t.is(judgeRow({ ...rows[0]!, value: Number.NaN }).met, undefined);
});

test('formatMarkdownTable: one line per row, goal beside the value, pipes escaped', (t) => {
  const table = formatMarkdownTable(rows.map(judgeRow)).split('\n');
  t.is(table.length, 2 + rows.length);
  t.is(table[0], '| # | figure | value | goal | met | note |');
  t.is(table[2], '| 1 | boot / floor: ide | 1.45 × | ≤ 1.30 × | **no** | guest 3 s \\| floor 2 s |');
  t.is(table[3], '| 3 | jobs 2 speed-up | 1.90 × | ≥ 1.80 × | yes |  |');
  t.is(table[5], '| 2 | overlay ms | 47.3 ms | — | — |  |');
  t.is(table[6], '| 5 | reports | n/a | ≤ 5.00 s (bench) | n/a | not available: reports/ not built |');
});

test('formatNumber: precision by magnitude', (t) => {
  t.is(formatNumber(1.234), '1.23');
  t.is(formatNumber(123.45), '123.5');
  t.is(formatNumber(12345.6), '12346');
  t.is(formatNumber(null), 'n/a');
  t.is(formatNumber(Number.POSITIVE_INFINITY), 'n/a');
});

test('findBiggestGap: the missed row farthest from its goal', (t) => {
  const judged = rows.map(judgeRow);
  t.is(gapFactor(judged[1]!), 0);
  t.is(gapFactor(judged[2]!), 2);
  t.is(findBiggestGap(judged)?.figure, 'jobs 2 speed-up, small');
  t.is(findBiggestGap([judged[1]!, judged[3]!]), undefined);
  const loose = judgeRow({ item: 2, figure: 'bench bound', value: 10, unit: '×', goal: { op: '<=', value: 1.25, source: 'bench' } });
  t.is(findBiggestGap([...judged, loose])?.figure, 'bench bound');
  t.is(findBiggestGap([...judged, loose], 'issue')?.figure, 'jobs 2 speed-up, small');
  t.is(findBiggestGap([...judged, loose], 'bench')?.figure, 'bench bound');
});
