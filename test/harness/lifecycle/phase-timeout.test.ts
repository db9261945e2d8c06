// A phase timeout stops what the phase started: the targets phase runs out while a clone's apply
// is in wimlib (a slowed wimlib-imagex that ignores SIGTERM), and the apply is killed within the
// grace period, though nobody aborted the run. The install VM's case needs the guest build: see
// test/e2e/harness/lifecycle/install-timeout.test.ts.
import { existsSync, readFileSync, symlinkSync, mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { execa } from 'execa';
import pLimit from 'p-limit';
import { fromPromise } from 'xstate';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import { TOOL_GRACE_MS } from '../../../harness/disks/run-tool.js';
import { captureWim, type CapturedImage } from '../../../harness/imaging/index.js';
import { runScenario } from '../../../harness/lifecycle/run-scenario.js';
import type { RunContext } from '../../../harness/lifecycle/steps/run-context.js';
import { runTargetsStep } from '../../../harness/lifecycle/steps/run-targets.js';
import type { CaptureOutput, MasterOutput } from '../../../harness/lifecycle/types.js';
import { plannedScenario } from '../../fixtures/planned-scenario.js';
import { makeScratch } from '../disks/fixtures.js';
import { isAlive, waitUntilGone } from '../qemu/fake-qemu.js';

const SLOW_APPLY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/faults/slow-apply.mjs');
const scratch = makeScratch();
const marker = path.join(scratch, 'apply.pid');
// This test file runs in its own process: every wimlib-imagex it starts is the slow one.
const bin = path.join(scratch, 'bin');
mkdirSync(bin);
symlinkSync(SLOW_APPLY, path.join(bin, 'wimlib-imagex'));
process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
process.env.FAKE_APPLY_MARKER = marker;

const TARGETS_TIMEOUT_MS = 6000;

test('a targets timeout kills the running apply within the grace period, though the run was not aborted', async (t) => {
  const tree = path.join(scratch, 'tree');
  await mkdir(tree, { recursive: true });
  await writeFile(path.join(tree, 'FILE.TXT'), 'a file\n');
  const wim = path.join(scratch, 'image.wim');
  await captureWim(tree, wim);
  const image: CapturedImage = { method: 'file', path: wim, source: tree, storedBytes: 0, index: 1, notes: [] };
  const run = new AbortController();
  const context: RunContext = {
    runDir: path.join(scratch, 'run'), accel: 'tcg', catalog: hardwareCatalog, vmPermits: pLimit(1), retries: 0, bootTimeoutMs: 60_000,
    shared: new Map(), signal: run.signal,
  };
  const planned = plannedScenario({ name: 'apply-timeout', generalize: false, targets: [{ machine: 'desktop-e1000' }] });
  let appliedPid: number | undefined;
  let aliveAtTimeout = false;
  let timedOutAt = 0;
  const result = await runScenario(planned, {
    actors: {
      installMaster: fromPromise<MasterOutput>(async () => ({ disk: path.join(scratch, 'master.img') })),
      captureImage: fromPromise<CaptureOutput>(async () => ({ method: 'file', image, notes: [], checks: [] })),
      runTargets: runTargetsStep(context),
    },
    retries: 0,
    timeouts: { install: 60_000, generalize: 60_000, capture: 60_000, targets: TARGETS_TIMEOUT_MS, check: 60_000 },
    onTransition: (entry) => {
      if (entry.state !== 'errored') return;
      timedOutAt = Date.now();
      appliedPid = existsSync(marker) ? Number(readFileSync(marker, 'utf8')) : undefined;
      aliveAtTimeout = appliedPid !== undefined && isAlive(appliedPid);
    },
  });
  t.is(result.status, 'errored');
  t.like(result.error, { phase: 'targets', timedOut: true });
  t.truthy(appliedPid, 'the apply had started wimlib when the phase ran out');
  t.true(aliveAtTimeout, 'the apply was still running at the timeout');
  t.true(await waitUntilGone(appliedPid as number, TOOL_GRACE_MS + 2000), `wimlib (pid ${appliedPid}) outlived the grace period`);
  t.log(`apply gone ${Date.now() - timedOutAt} ms after the timeout (grace ${TOOL_GRACE_MS} ms; it ignores SIGTERM)`);
  t.false(run.signal.aborted, 'the run itself was never aborted: the phase\'s own signal did it');
  const left = await execa('pgrep', ['-af', scratch], { reject: false });
  t.is(left.stdout.split('\n').filter((line) => line && !line.includes('pgrep')).join('\n'), '', 'no process of this test is left');
});
