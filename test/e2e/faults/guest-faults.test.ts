// Faults of the guest and of QEMU itself, injected into the install boot of a real `clonelab run`
// (real QEMU under TCG): a guest that hangs, a kernel panic, QEMU killed by SIGKILL mid-boot,
// QEMU refusing a bad -device option. Each must end as an infrastructure error of phase
// `install` naming the cause, with whole results, no master, no process and no temporary file left.
import { statSync } from 'node:fs';
import test, { type ExecutionContext } from 'ava';
import { assertCleanAfter, findFiles, findQemuPids, setUpFaultRun, readResults, startRun, waitFor, type FaultRunSetup } from '../../faults/fault-run.js';

async function assertInstallFailed(t: ExecutionContext, setup: FaultRunSetup, run: { exitCode?: number; all?: string }, cause: RegExp): Promise<void> {
  t.is(run.exitCode, 2, run.all);
  const result = readResults(setup.out);
  t.false(result.interrupted);
  const [scenario] = result.scenarios;
  t.is(scenario?.status, 'errored');
  t.is(scenario?.error?.kind, 'infrastructure', scenario?.error?.message);
  t.is(scenario?.error?.phase, 'install');
  t.regex(scenario?.error?.message ?? '', cause);
  t.regex(run.all ?? '', cause, 'the summary names the cause');
  t.false((run.all ?? '').includes('\u001b[6n'), 'no terminal escape from the guest reaches the terminal');
  t.deepEqual(findFiles(setup.out, /master\.img$/), [], 'a failed install leaves no master');
  await assertCleanAfter(t, setup);
}

test.serial('a guest that hangs (never writes the probe) fails the install phase at the boot timeout', async (t) => {
  const setup = setUpFaultRun(t, 'hang', { FAULT_MATCH: '/masters/', FAULT_MODE: 'hang' });
  const run = await startRun(setup, ['--boot-timeout', '12']);
  await assertInstallFailed(t, setup, run, /did not finish setup \(no probe line, timed out after \d+ s\)/);
  t.true(readResults(setup.out).scenarios[0]?.error?.timedOut, 'the error says it was a timeout');
});

test.serial('a guest kernel panic fails the install phase and the message names the panic', async (t) => {
  const setup = setUpFaultRun(t, 'panic', { FAULT_MATCH: '/masters/', FAULT_MODE: 'panic' });
  const run = await startRun(setup, ['--boot-timeout', '120']);
  await assertInstallFailed(t, setup, run, /Kernel panic - not syncing: VFS: Unable to mount root fs/);
});

test.serial('QEMU killed by SIGKILL mid-boot fails the install phase naming the signal', async (t) => {
  const setup = setUpFaultRun(t, 'sigkill');
  const running = startRun(setup, ['--boot-timeout', '120']);
  // Mid-boot: QEMU runs and the guest has started writing its console.
  const [pid] = await waitFor('the install VM to print on its console', async () => {
    const pids = await findQemuPids(setup.dir);
    const [log] = findFiles(setup.out, /install\/console\.log$/);
    return pids.length > 0 && log && statSync(log).size > 0 ? pids : undefined;
  });
  process.kill(pid as number, 'SIGKILL');
  await assertInstallFailed(t, setup, await running, /(report incomplete|no probe line), QEMU exited \(SIGKILL\)/);
});

test.serial('QEMU refusing a bad device option fails the install phase with QEMU\'s own complaint', async (t) => {
  const setup = setUpFaultRun(t, 'bad-device', { FAULT_MATCH: '/masters/', FAULT_MODE: 'bad-device' });
  const run = await startRun(setup, ['--boot-timeout', '120']);
  await assertInstallFailed(t, setup, run, /QEMU exited \(1: qemu-system-x86_64: -device no-such-nic-model: 'no-such-nic-model' is not a valid device model name\)/);
});
