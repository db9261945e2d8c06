import test from 'ava';
import { listUncoveredPairs, selectPairwise } from '../../../harness/plan/pairwise.js';

/** Every index vector of a product, the last dimension fastest. */
const product = (...sizes: number[]): number[][] =>
  sizes.reduce<number[][]>((rows, size) => rows.flatMap((row) => Array.from({ length: size }, (_, value) => [...row, value])), [[]]);

test('4×4×3×2 (96 cells): every pair of values is in a picked row, with far fewer rows, the same on every call', (t) => {
  const rows = product(4, 4, 3, 2);
  const picked = selectPairwise(rows);
  t.deepEqual(listUncoveredPairs(rows, picked), []);
  // At least 4×4 (the two largest dimensions' pairs need a row each); greedy gets close to it.
  t.true(picked.length >= 16 && picked.length <= 18, `${picked.length} rows`);
  t.deepEqual(selectPairwise(rows), picked);
  t.log(`pairwise rows for 4×4×3×2: ${picked.length} of ${rows.length}`);
});

test('2×2×2: the optimal 4 rows (a greedy that also counted single values would take 5)', (t) => {
  const rows = product(2, 2, 2);
  const picked = selectPairwise(rows);
  t.deepEqual(picked.map((index) => rows[index]?.join('')), ['000', '011', '101', '110']);
  t.deepEqual(listUncoveredPairs(rows, picked), []);
});

test('rows a constraint dropped are never picked, and every pair the others have is still covered', (t) => {
  // Drop every row with value 0 of dimension 0 and value 1 of dimension 1 (e1000e on pc, say).
  const rows = product(3, 3, 2).filter((row) => !(row[0] === 0 && row[1] === 1));
  const picked = selectPairwise(rows);
  t.deepEqual(listUncoveredPairs(rows, picked), []);
  t.false(picked.some((index) => rows[index]?.[0] === 0 && rows[index]?.[1] === 1));
  t.true(picked.length < rows.length);
});

test('one dimension: every value once; two: the whole product (each row is its own pair)', (t) => {
  t.deepEqual(selectPairwise(product(5)), [0, 1, 2, 3, 4]);
  t.deepEqual(selectPairwise(product(2, 3)), [0, 1, 2, 3, 4, 5]);
});

test('a selection that misses a pair is told, naming it', (t) => {
  const rows = product(2, 2);
  t.deepEqual(listUncoveredPairs(rows, [0, 1, 2]), ['d0=1,d1=1']);
  t.deepEqual(listUncoveredPairs([[0], [1], [2]], [0, 2]), ['d0=1']);
});
