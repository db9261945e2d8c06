// A phase timeout stops what the phase started: the install phase runs out while the install VM
// hangs (the `hang` fake QEMU, ignoring SIGTERM), and the VM is killed within the grace period,
// though nobody aborted the run. End to end because the install step builds the reference guest
// (Debian's kernel package, from the cache). The apply's case is a unit test:
// test/harness/lifecycle/phase-timeout.test.ts.
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import pLimit from 'p-limit';
import tmp from 'tmp';
import { hardwareCatalog } from '../../../../machines/catalog/models.js';
import { buildGuest } from '../../../../harness/guest/build-guest.js';
import { cacheDir } from '../../../../harness/host/cache-dir.js';
import { runScenario } from '../../../../harness/lifecycle/run-scenario.js';
import { installMasterStep } from '../../../../harness/lifecycle/steps/install-master.js';
import type { RunContext } from '../../../../harness/lifecycle/steps/run-context.js';
import { DEFAULT_GRACE_MS } from '../../../../harness/qemu/vm-options.js';
import { plannedScenario } from '../../../fixtures/planned-scenario.js';
import { installFakeQemu, isAlive, waitUntilGone } from '../../../harness/qemu/fake-qemu.js';

const INSTALL_TIMEOUT_MS = 10_000;

test('an install timeout kills the install VM within the grace period, though the run was not aborted', async (t) => {
  const dir = tmp.dirSync({ prefix: 'clonelab-install-timeout-', unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  // The guest build and kernel come from the real cache; what this test's QEMU leaves
  // (the confinement verdict of a fake) goes to a cache of its own.
  const cache = path.join(dir.name, 'cache');
  mkdirSync(cache);
  for (const kept of ['guest', 'kernel']) symlinkSync(path.join(cacheDir(), kept), path.join(cache, kept));
  const ready = path.join(dir.name, 'qemu.pid');
  // This test file runs in its own process: every QEMU it starts is the fake.
  Object.assign(process.env, { PATH: installFakeQemu(dir.name, 'hang'), CLONELAB_CACHE: cache, FAKE_READY_FILE: ready, FAKE_IGNORE_SIGTERM: '1' });
  // Built (or found) before the phase starts: a guest source that changed would rebuild it inside the timed phase.
  await buildGuest();
  const run = new AbortController();
  const context: RunContext = {
    runDir: path.join(dir.name, 'run'), accel: 'tcg', catalog: hardwareCatalog, vmPermits: pLimit(1), retries: 0, bootTimeoutMs: 120_000,
    shared: new Map(), signal: run.signal,
  };
  let qemuPid: number | undefined;
  let aliveAtTimeout = false;
  let timedOutAt = 0;
  const result = await runScenario(plannedScenario({ name: 'install-timeout', generalize: false }), {
    actors: { installMaster: installMasterStep(context) },
    retries: 0,
    timeouts: { install: INSTALL_TIMEOUT_MS, generalize: 60_000, capture: 60_000, targets: 60_000, check: 60_000 },
    onTransition: (entry) => {
      if (entry.state !== 'errored') return;
      timedOutAt = Date.now();
      qemuPid = existsSync(ready) ? Number(readFileSync(ready, 'utf8')) : undefined;
      aliveAtTimeout = qemuPid !== undefined && isAlive(qemuPid);
    },
  });
  t.is(result.status, 'errored');
  t.like(result.error, { phase: 'install', timedOut: true }, JSON.stringify(result.error));
  t.truthy(qemuPid, 'the install VM had started when the phase ran out');
  t.true(aliveAtTimeout, 'the install VM was still running at the timeout');
  t.true(await waitUntilGone(qemuPid as number, DEFAULT_GRACE_MS + 2000), `QEMU (pid ${qemuPid}) outlived the grace period`);
  t.log(`install VM gone ${Date.now() - timedOutAt} ms after the timeout (grace ${DEFAULT_GRACE_MS} ms; it ignores SIGTERM)`);
  t.false(run.signal.aborted, 'the run itself was never aborted: the phase\'s own signal did it');
  const left = await execa('pgrep', ['-af', dir.name], { reject: false });
  t.is(left.stdout.split('\n').filter((line) => line && !line.includes('pgrep')).join('\n'), '', 'no process of this test is left');
});
