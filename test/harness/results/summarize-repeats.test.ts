import test from 'ava';
import { formatRate, summarizeRepeats } from '../../../harness/results/summarize-repeats.js';
import { wilsonInterval } from '../../../harness/results/wilson-interval.js';
import { loadSmallRun } from '../../fixtures/results/load-fixture.js';
import { makeRepeatRun } from '../../fixtures/results/repeat-run.js';

test('per failure: the repeats it showed in, its rate and its 95 % interval; per model the same over its clones', (t) => {
  const [record] = makeRepeatRun({ runs: 10, failing: 7, errored: [10] }).repeats ?? [];
  t.like(record, { scenario: 'flaky-nic', runs: 10, asExpected: 2 });
  t.deepEqual(record?.failures.map((rate) => [rate.failure, rate.count, rate.runs, rate.expected]), [['errored', 1, 10, false], ['problem-10', 7, 10, false]]);
  t.deepEqual(record?.failures[1]?.interval, wilsonInterval(7, 10));
  t.is(record?.failures[1]?.rate, 0.7);
  const byMachine = Object.fromEntries(record?.machines.map((entry) => [entry.machine, entry]) ?? []);
  t.like(byMachine['desktop-cirrus'], { runs: 10, asExpected: 3 });
  t.deepEqual(byMachine['desktop-cirrus']?.failures.map((rate) => `${rate.failure} ${rate.count}`), ['problem-10 7']);
  t.like(byMachine['desktop-e1000'], { runs: 10, asExpected: 9 });
  t.deepEqual(byMachine['desktop-e1000']?.failures.map((rate) => `${rate.failure} ${rate.count}`), ['errored 1']);
});

test('an expected reproduction is marked expected; an interrupted repeat does not count; a run without repeats has no record', (t) => {
  const run = makeRepeatRun({ runs: 4, failing: 4 });
  const scenarios = run.scenarios.map((scenario, index) => ({
    ...scenario, expected: { reproduces: ['problem-10' as const] }, status: index === 3 ? 'interrupted' as const : 'reproduced' as const,
    verdict: { status: 'reproduced' as const, reproduced: ['problem-10' as const], missing: [], unexpected: [] },
  }));
  const [record] = summarizeRepeats(scenarios);
  t.like(record, { runs: 3, asExpected: 3 });
  t.like(record?.failures[0], { failure: 'problem-10', count: 3, runs: 3, expected: true });
  t.deepEqual(summarizeRepeats(loadSmallRun().scenarios), []);
});

test('a rate reads as count/runs, percent and interval', (t) => {
  t.is(formatRate({ count: 7, runs: 10, rate: 0.7, interval: wilsonInterval(7, 10) }), '7/10 (70 %, 95 % CI 40–89 %)');
  t.is(formatRate({ count: 0, runs: 10, rate: 0, interval: wilsonInterval(0, 10) }), '0/10 (0 %, 95 % CI 0–28 %)');
});
