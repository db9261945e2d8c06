// SIGINT and SIGTERM to `clonelab run` during install, during capture and during the fleet
// boot; a second SIGINT forces the exit. The master comes from a replayed install where the
// fault is elsewhere (no VM: test/fixtures/fake-qemu/replay-guest.mjs); VMs are real QEMU.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { assertCleanAfter, FAULTS_DIR, findFiles, findQemuPids, hashFile, makeFaultLab, readResults, startRun, waitFor } from '../../faults/fault-lab.js';

const SLOW_CAPTURE = path.join(FAULTS_DIR, 'slow-capture');

/** Waits for the run and asserts it ended interrupted: exit 130, results.json whole and marked so. Returns its output. */
async function expectInterrupted(t: ExecutionContext, running: ReturnType<typeof startRun>, out: string): Promise<string> {
  const run = await running;
  t.is(run.exitCode, 130, run.all);
  const result = readResults(out);
  t.true(result.interrupted);
  t.is(result.scenarios[0]?.status, 'interrupted');
  return run.all;
}

test.serial('SIGINT during install stops the VM and writes results marked interrupted', async (t) => {
  const lab = makeFaultLab(t, 'int-install');
  const running = startRun(lab);
  await waitFor('the install VM', async () => ((await findQemuPids(lab.dir)).length > 0 ? true : undefined));
  running.kill('SIGINT');
  t.regex(await expectInterrupted(t, running, lab.out), /SIGINT: stopping VMs and writing partial results/);
  t.deepEqual(findFiles(lab.out, /master\.img$/), [], 'an interrupted install leaves no master');
  await assertCleanAfter(t, lab);
});

test.serial('SIGTERM during capture stops wimlib, keeps the master as it was and leaves no half-written image', async (t) => {
  const marker = path.join(makeFaultLab(t, 'marker').dir, 'capturing');
  const lab = makeFaultLab(t, 'term-capture', { FAULT_REPLAY_MATCH: '/masters/', FAULT_CAPTURE_MARKER: marker });
  const running = startRun(lab, [], { PATH: `${SLOW_CAPTURE}${path.delimiter}${lab.env.PATH ?? ''}` });
  await waitFor('the capture to start', () => (existsSync(marker) && readFileSync(marker, 'utf8').trim() !== '' ? true : undefined));
  const [master] = findFiles(lab.out, /master\.img$/);
  t.truthy(master, 'the master was installed before the capture');
  const before = await hashFile(master as string);
  running.kill('SIGTERM');
  await expectInterrupted(t, running, lab.out);
  t.is(await hashFile(master as string), before, 'the master is unchanged');
  t.deepEqual(findFiles(lab.out, /capture\.wim$/), [], 'no half-written capture');
  await assertCleanAfter(t, lab);
});

test.serial('SIGINT during the fleet boot stops the clone VMs; a second SIGINT forces the exit at once', async (t) => {
  const lab = makeFaultLab(t, 'int-fleet', { FAULT_REPLAY_MATCH: '/masters/' });
  const running = startRun(lab);
  await waitFor('a clone VM', async () => ((await findQemuPids(path.join(lab.out, 'scenarios'))).length > 0 ? true : undefined));
  const [master] = findFiles(lab.out, /master\.img$/);
  const before = await hashFile(master as string);
  running.kill('SIGINT');
  running.kill('SIGINT');
  const run = await running;
  t.is(run.exitCode, 130, run.all);
  t.regex(run.all, /SIGINT: stopping VMs/);
  // A forced exit may come before results.json: then there is none, never a half-written one.
  if (existsSync(path.join(lab.out, 'results.json'))) t.true(readResults(lab.out).interrupted);
  t.is(await hashFile(master as string), before, 'the master is unchanged');
  await assertCleanAfter(t, lab);
});

test.serial('one SIGINT during the fleet boot: the clone is stopped and results say interrupted', async (t) => {
  const lab = makeFaultLab(t, 'int-fleet1', { FAULT_REPLAY_MATCH: '/masters/' });
  const running = startRun(lab);
  await waitFor('a clone VM', async () => ((await findQemuPids(path.join(lab.out, 'scenarios'))).length > 0 ? true : undefined));
  running.kill('SIGINT');
  await expectInterrupted(t, running, lab.out);
  t.true(existsSync(path.join(lab.out, 'report.html')), 'the reports are written for an interrupted run too');
  await assertCleanAfter(t, lab);
});
