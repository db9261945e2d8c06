import test from 'ava';
import { InfrastructureError, UsageError } from '../../../harness/errors/errors.js';
import type { BisectVerdict } from '../../../harness/results/types.js';
import { listSubsets, searchCulprit, type Oracle } from '../../../harness/bisect/search.js';

const DIMENSIONS = ['nic', 'nicSlot', 'video'];

/** A fake outcome: the scenario fails on a model when `breaks` says so for its set of changes; every batch is recorded. */
function fakeOracle(breaks: (changes: readonly string[]) => BisectVerdict | boolean): Oracle & { batches: string[][][] } {
  const batches: string[][][] = [];
  const oracle = async (batch: readonly (readonly string[])[]) => {
    batches.push(batch.map((changes) => [...changes]));
    return batch.map((changes) => {
      const verdict = breaks(changes);
      const named: BisectVerdict = verdict === true ? 'failed' : verdict === false ? 'expected' : verdict;
      return { verdict: named, evidence: named === 'failed' ? [`devices-started: problem-10 (${changes.join('+')})`] : [] };
    });
  };
  return Object.assign(oracle, { batches });
}

test('a single-dimension culprit: round 1 (good, bad, each single change) names it, and nothing more runs', async (t) => {
  const oracle = fakeOracle((changes) => changes.includes('nic'));
  const result = await searchCulprit(DIMENSIONS, oracle);
  t.is(result.status, 'found');
  t.deepEqual(result.culprits, [['nic']]);
  t.deepEqual(oracle.batches, [[[], DIMENSIONS, ['nic'], ['nicSlot'], ['video']]]);
  t.deepEqual(result.steps.map((step) => [step.round, step.changes.join('+'), step.verdict]), [
    [1, '', 'expected'], [1, 'nic+nicSlot+video', 'failed'], [1, 'nic', 'failed'], [1, 'nicSlot', 'expected'], [1, 'video', 'expected'],
  ]);
  t.deepEqual(result.steps[2]?.evidence, ['devices-started: problem-10 (nic)']);
});

test('a pair-only culprit: no single change fails, so round 2 judges every pair and names the one that does', async (t) => {
  const oracle = fakeOracle((changes) => changes.includes('nicSlot') && changes.includes('video'));
  const result = await searchCulprit(DIMENSIONS, oracle);
  t.is(result.status, 'found');
  t.deepEqual(result.culprits, [['nicSlot', 'video']]);
  t.deepEqual(oracle.batches[1], [['nic', 'nicSlot'], ['nic', 'video'], ['nicSlot', 'video']]);
  t.true(result.steps.filter((step) => step.round === 2).length === 3);
});

test('no culprit: the bad model ends as expected too, after one round', async (t) => {
  const oracle = fakeOracle(() => false);
  const result = await searchCulprit(DIMENSIONS, oracle);
  t.is(result.status, 'bad-keeps-outcome');
  t.deepEqual(result.culprits, []);
  t.is(oracle.batches.length, 1);
});

test('only the whole difference breaks it: singles and pairs pass, the answer is every dimension', async (t) => {
  const oracle = fakeOracle((changes) => changes.length === 3);
  const result = await searchCulprit(DIMENSIONS, oracle);
  t.is(result.status, 'whole-difference');
  t.deepEqual(result.culprits, [DIMENSIONS]);
  t.is(oracle.batches.length, 2);
});

test('a good model that already fails is a clear error naming it and the evidence', async (t) => {
  const error = await t.throwsAsync(searchCulprit(DIMENSIONS, fakeOracle(() => true), { good: '"desktop-e1000"' }), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /^"desktop-e1000" already fails the scenario \(devices-started: problem-10 \(\)\): bisect needs a --good model on which it ends as expected$/);
});

test('a good or bad model that could not be judged is an infrastructure error; the same model twice is refused', async (t) => {
  await t.throwsAsync(searchCulprit(DIMENSIONS, fakeOracle((changes) => (changes.length === 3 ? 'errored' : false))), { instanceOf: InfrastructureError, message: /the bad model \(--bad\) could not be judged/ });
  await t.throwsAsync(searchCulprit([], fakeOracle(() => false)), { instanceOf: UsageError, message: /the same hardware/ });
});

test('changes that cannot be judged (invalid, errored) are never culprits; one dimension is its own answer', async (t) => {
  const result = await searchCulprit(DIMENSIONS, fakeOracle((changes) => (changes.length === 1 && changes[0] === 'nic' ? 'invalid' : changes.length === 3)));
  t.is(result.status, 'whole-difference');
  const single = await searchCulprit(['video'], fakeOracle((changes) => changes.length === 1));
  t.deepEqual([single.status, single.culprits, single.steps.length], ['found', [['video']], 2]);
});

test('subsets of a size, in order', (t) => {
  t.deepEqual(listSubsets(['a', 'b', 'c'], 2), [['a', 'b'], ['a', 'c'], ['b', 'c']]);
  t.deepEqual(listSubsets(['a'], 0), [[]]);
});
