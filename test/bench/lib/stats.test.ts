import test from 'ava';
import { megabytesPerSecond, median, ratio, spread } from '../../../bench/lib/stats.js';

test('median: odd and even lengths, input left unsorted', (t) => {
  const values = [5, 1, 3];
  t.is(median(values), 3);
  t.deepEqual(values, [5, 1, 3]);
  t.is(median([4, 1, 3, 2]), 2.5);
  t.is(median([7]), 7);
  t.throws(() => median([]), { instanceOf: RangeError });
});

test('ratio and MB/s: NaN instead of a division by zero', (t) => {
  t.is(ratio(3, 2), 1.5);
  t.true(Number.isNaN(ratio(1, 0)));
  t.true(Number.isNaN(ratio(Number.NaN, 2)));
  t.is(megabytesPerSecond(50e6, 500), 100);
  t.true(Number.isNaN(megabytesPerSecond(1, 0)));
});

test('spread: mean, sample standard deviation and extremes', (t) => {
  t.deepEqual(spread([2, 4, 4, 4, 5, 5, 7, 9]), { mean: 5, sd: Math.sqrt(32 / 7), min: 2, max: 9, n: 8 });
  t.deepEqual(spread([3]), { mean: 3, sd: 0, min: 3, max: 3, n: 1 });
  t.throws(() => spread([]), { instanceOf: RangeError });
});
