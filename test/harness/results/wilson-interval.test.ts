import test from 'ava';
import { intervalsOverlap, wilsonInterval } from '../../../harness/results/wilson-interval.js';

const round = ([low, high]: [number, number]): [number, number] => [Number(low.toFixed(4)), Number(high.toFixed(4))];

// Known values: Newcombe (1998), Statistics in Medicine 17:857, table I, method 3 (Wilson score,
// no continuity correction): 81/263 → 0.2553–0.3662, 15/148 → 0.0624–0.1605, 0/20 → 0–0.1611, 1/29 → 0.0061–0.1718.
test('the Wilson score interval matches the published values', (t) => {
  t.deepEqual(round(wilsonInterval(81, 263)), [0.2553, 0.3662]);
  t.deepEqual(round(wilsonInterval(15, 148)), [0.0624, 0.1605]);
  t.deepEqual(round(wilsonInterval(0, 20)), [0, 0.1611]);
  t.deepEqual(round(wilsonInterval(1, 29)), [0.0061, 0.1718]);
});

test('it is symmetric, stays in [0, 1], is exact at the ends and narrows with more trials', (t) => {
  t.deepEqual(round(wilsonInterval(5, 10)), [0.2366, 0.7634]);
  t.deepEqual(round(wilsonInterval(10, 10)), [0.7225, 1]);
  t.deepEqual(round(wilsonInterval(0, 10)), [0, 0.2775]);
  const [low, high] = wilsonInterval(3, 10);
  const [mirrorLow, mirrorHigh] = wilsonInterval(7, 10);
  t.is(Number((1 - high).toFixed(12)), Number(mirrorLow.toFixed(12)));
  t.is(Number((1 - low).toFixed(12)), Number(mirrorHigh.toFixed(12)));
  const wide = wilsonInterval(1, 2);
  const narrow = wilsonInterval(50, 100);
  t.true(narrow[1] - narrow[0] < wide[1] - wide[0]);
  t.deepEqual(wilsonInterval(0, 0), [0, 1]);
});

test('nonsense counts are refused; overlapping intervals are told', (t) => {
  t.throws(() => wilsonInterval(3, 2), { instanceOf: RangeError });
  t.throws(() => wilsonInterval(1.5, 4), { instanceOf: RangeError });
  t.true(intervalsOverlap(wilsonInterval(6, 10), wilsonInterval(10, 10)));
  t.false(intervalsOverlap(wilsonInterval(0, 10), wilsonInterval(10, 10)));
});
