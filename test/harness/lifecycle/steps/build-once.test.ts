import test from 'ava';
import pLimit from 'p-limit';
import { hardwareCatalog } from '../../../../machines/catalog/models.js';
import { buildOnce } from '../../../../harness/lifecycle/steps/build-once.js';
import type { RunContext } from '../../../../harness/lifecycle/steps/run-context.js';
import type { MasterOutput } from '../../../../harness/lifecycle/types.js';

function makeContext(run = new AbortController()): RunContext {
  return { runDir: '/nonexistent', accel: 'tcg', catalog: hardwareCatalog, vmPermits: pLimit(1), retries: 0, bootTimeoutMs: 1000, shared: new Map(), signal: run.signal };
}

/** A build that runs until its signal aborts (then rejects) or `finish` is called; records the signal it got. */
function controllableBuild(): { build: (signal: AbortSignal) => Promise<MasterOutput>; calls: AbortSignal[]; finish: () => void } {
  const calls: AbortSignal[] = [];
  let finish = (): void => undefined;
  const build = (signal: AbortSignal): Promise<MasterOutput> => {
    calls.push(signal);
    return new Promise((resolve, reject) => {
      finish = () => resolve({ disk: `master-${calls.length}.img` });
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  };
  return { build, calls, finish: () => finish() };
}

test('the build runs once for every step that waits, and goes on while one of them still waits', async (t) => {
  const context = makeContext();
  const { build, calls, finish } = controllableBuild();
  const first = new AbortController();
  const second = new AbortController();
  const a = buildOnce(context, 'master:x', first.signal, build);
  const b = buildOnce(context, 'master:x', second.signal, build);
  first.abort(new Error('scenario A timed out'));
  await t.throwsAsync(a, { message: 'scenario A timed out' });
  t.is(calls.length, 1);
  t.false(calls[0]?.aborted, 'scenario B still waits: the build goes on');
  finish();
  t.deepEqual(await b, { disk: 'master-1.img' });
  t.deepEqual(await buildOnce(context, 'master:x', new AbortController().signal, build), { disk: 'master-1.img' }, 'a finished build is reused');
  t.is(calls.length, 1);
});

test('when the last waiting step leaves (a phase timeout), the build is aborted; the next caller builds again', async (t) => {
  const context = makeContext();
  const { build, calls, finish } = controllableBuild();
  const step = new AbortController();
  const waiting = buildOnce(context, 'master:y', step.signal, build);
  step.abort(new Error('install timed out'));
  await t.throwsAsync(waiting, { message: 'install timed out' });
  t.true(calls[0]?.aborted, 'nobody waits any more: the build (its VM, its tools) is stopped');
  const again = buildOnce(context, 'master:y', new AbortController().signal, build);
  await new Promise((resolve) => setImmediate(resolve));
  t.is(calls.length, 2);
  t.false(calls[1]?.aborted);
  finish();
  t.deepEqual(await again, { disk: 'master-2.img' });
});

test('the run\'s own abort aborts the build even while steps wait', async (t) => {
  const run = new AbortController();
  const context = makeContext(run);
  const { build, calls } = controllableBuild();
  const waiting = buildOnce(context, 'master:z', new AbortController().signal, build);
  await new Promise((resolve) => setImmediate(resolve));
  t.is(calls.length, 1, 'the build started');
  run.abort(new Error('Ctrl-C'));
  await t.throwsAsync(waiting, { message: 'Ctrl-C' });
  t.true(calls[0]?.aborted);
});
