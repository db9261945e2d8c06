// SIGINT and SIGTERM to `clonelab run` during install, during capture and during the fleet
// boot; a second SIGINT forces the exit. The master comes from a replayed install where the
// fault is elsewhere (no VM: test/fixtures/fake-qemu/replay-guest.mjs); VMs are real QEMU.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { assertCleanAfter, FAULTS_DIR, findFiles, findQemuPids, hashFile, setUpFaultRun, readResults, startRun, waitFor } from '../../faults/fault-run.js';

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
  const setup = setUpFaultRun(t, 'int-install');
  const running = startRun(setup);
  await waitFor('the install VM', async () => ((await findQemuPids(setup.dir)).length > 0 ? true : undefined));
  running.kill('SIGINT');
  t.regex(await expectInterrupted(t, running, setup.out), /SIGINT: stopping VMs and writing partial results/);
  t.deepEqual(findFiles(setup.out, /master\.img$/), [], 'an interrupted install leaves no master');
  await assertCleanAfter(t, setup);
});

test.serial('SIGTERM during capture stops wimlib, keeps the master as it was and leaves no half-written image', async (t) => {
  const marker = path.join(setUpFaultRun(t, 'marker').dir, 'capturing');
  const setup = setUpFaultRun(t, 'term-capture', { FAULT_REPLAY_MATCH: '/masters/', FAULT_CAPTURE_MARKER: marker });
  const running = startRun(setup, [], { PATH: `${SLOW_CAPTURE}${path.delimiter}${setup.env.PATH ?? ''}` });
  await waitFor('the capture to start', () => (existsSync(marker) && readFileSync(marker, 'utf8').trim() !== '' ? true : undefined));
  const [master] = findFiles(setup.out, /master\.img$/);
  t.truthy(master, 'the master was installed before the capture');
  const before = await hashFile(master as string);
  running.kill('SIGTERM');
  await expectInterrupted(t, running, setup.out);
  t.is(await hashFile(master as string), before, 'the master is unchanged');
  t.deepEqual(findFiles(setup.out, /capture\.wim$/), [], 'no half-written capture');
  await assertCleanAfter(t, setup);
});

test.serial('SIGINT during the fleet boot stops the clone VMs; a second SIGINT forces the exit at once', async (t) => {
  const setup = setUpFaultRun(t, 'int-fleet', { FAULT_REPLAY_MATCH: '/masters/' });
  const running = startRun(setup);
  await waitFor('a clone VM', async () => ((await findQemuPids(path.join(setup.out, 'scenarios'))).length > 0 ? true : undefined));
  const [master] = findFiles(setup.out, /master\.img$/);
  const before = await hashFile(master as string);
  running.kill('SIGINT');
  running.kill('SIGINT');
  const run = await running;
  t.is(run.exitCode, 130, run.all);
  t.regex(run.all, /SIGINT: stopping VMs/);
  // A forced exit may come before results.json: then there is none, never a half-written one.
  if (existsSync(path.join(setup.out, 'results.json'))) t.true(readResults(setup.out).interrupted);
  t.is(await hashFile(master as string), before, 'the master is unchanged');
  await assertCleanAfter(t, setup);
});

test.serial('one SIGINT during the fleet boot: the clone is stopped and results say interrupted', async (t) => {
  const setup = setUpFaultRun(t, 'int-fleet1', { FAULT_REPLAY_MATCH: '/masters/' });
  const running = startRun(setup);
  await waitFor('a clone VM', async () => ((await findQemuPids(path.join(setup.out, 'scenarios'))).length > 0 ? true : undefined));
  running.kill('SIGINT');
  await expectInterrupted(t, running, setup.out);
  t.true(existsSync(path.join(setup.out, 'report.html')), 'the reports are written for an interrupted run too');
  await assertCleanAfter(t, setup);
});
