// The output folder and TMPDIR on a nearly full filesystem (a small tmpfs; needs root to mount):
// the run must end with a clear "no space" error naming the phase, whole results, and nothing
// half-written. Installs are replayed (no VM): the fault is the host's disk, not the guest.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { assertCleanAfter, findFiles, setUpFaultRun, readResults, startRun, type FaultRunSetup } from '../../faults/fault-run.js';

const asRoot = process.getuid?.() === 0 ? test.serial : test.skip;

// Mounts a tmpfs of `size` at the run's out/ and tmp/ (one filesystem), unmounted when the test ends.
async function mountSmall(t: ExecutionContext, setup: FaultRunSetup, size: string): Promise<void> {
  const mount = path.join(setup.dir, 'small');
  mkdirSync(mount);
  await execa('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mount]);
  t.teardown(async () => {
    await execa('umount', [mount], { reject: false });
    rmSync(mount, { recursive: true, force: true });
  });
  rmSync(setup.tmp, { recursive: true });
  mkdirSync(path.join(mount, 'tmp'));
  mkdirSync(path.join(mount, 'out'));
  await execa('ln', ['-s', path.join(mount, 'tmp'), setup.tmp]);
  await execa('ln', ['-s', path.join(mount, 'out'), setup.out]);
}

for (const [size, phase, step, where] of [['64m', 'install', 'stage-tree', /No space left on the host while staging the guest tree/], ['200m', 'capture', 'volume-extract', /No space left on device/]] as const) {
  asRoot(`--out and TMPDIR on a ${size} tmpfs: a clear no-space error (phase ${phase}, step ${step}), whole results, nothing half-written`, async (t) => {
    const setup = setUpFaultRun(t, `full-${size}`, { FAULT_REPLAY_MATCH: 'guest-' });
    await mountSmall(t, setup, size);
    const run = await startRun(setup);
    t.is(run.exitCode, 2, run.all);
    t.regex(run.all, where);
    const [scenario] = readResults(setup.out).scenarios;
    t.is(scenario?.status, 'errored');
    t.is(scenario?.error?.kind, 'infrastructure');
    t.is(scenario?.error?.phase, phase);
    t.is(scenario?.error?.step, step);
    t.regex(scenario?.error?.message ?? '', where);
    t.deepEqual(findFiles(setup.out, /capture\.wim$|disk\.img$/), [], 'no capture or clone disk');
    await assertCleanAfter(t, setup);
  });
}
