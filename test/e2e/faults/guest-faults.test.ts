// Faults of the guest and of QEMU itself, injected into the install boot of a real `clonelab run`
// (real QEMU under TCG): a guest that hangs, a kernel panic, QEMU killed by SIGKILL mid-boot,
// QEMU refusing a bad -device option. Each must end as an infrastructure error of phase
// `install` naming the cause, with whole results, no master, no process and no temporary file left.
import { statSync } from 'node:fs';
import test, { type ExecutionContext } from 'ava';
import { assertCleanAfter, findFiles, findQemuPids, makeFaultLab, readResults, startRun, waitFor, type FaultLab } from '../../faults/fault-lab.js';

async function assertInstallFailed(t: ExecutionContext, lab: FaultLab, run: { exitCode?: number; all?: string }, cause: RegExp): Promise<void> {
  t.is(run.exitCode, 2, run.all);
  const result = readResults(lab.out);
  t.false(result.interrupted);
  const [scenario] = result.scenarios;
  t.is(scenario?.status, 'errored');
  t.is(scenario?.error?.kind, 'infrastructure', scenario?.error?.message);
  t.is(scenario?.error?.phase, 'install');
  t.regex(scenario?.error?.message ?? '', cause);
  t.regex(run.all ?? '', cause, 'the summary names the cause');
  t.false((run.all ?? '').includes('\u001b[6n'), 'no terminal escape from the guest reaches the terminal');
  t.deepEqual(findFiles(lab.out, /master\.img$/), [], 'a failed install leaves no master');
  await assertCleanAfter(t, lab);
}

test.serial('a guest that hangs (never writes the probe) fails the install phase at the boot timeout', async (t) => {
  const lab = makeFaultLab(t, 'hang', { FAULT_MATCH: '/masters/', FAULT_MODE: 'hang' });
  const run = await startRun(lab, ['--boot-timeout', '12']);
  await assertInstallFailed(t, lab, run, /did not finish setup \(no probe line, timed out after \d+ s\)/);
  t.true(readResults(lab.out).scenarios[0]?.error?.timedOut, 'the error says it was a timeout');
});

test.serial('a guest kernel panic fails the install phase and the message names the panic', async (t) => {
  const lab = makeFaultLab(t, 'panic', { FAULT_MATCH: '/masters/', FAULT_MODE: 'panic' });
  const run = await startRun(lab, ['--boot-timeout', '120']);
  await assertInstallFailed(t, lab, run, /Kernel panic - not syncing: VFS: Unable to mount root fs/);
});

test.serial('QEMU killed by SIGKILL mid-boot fails the install phase naming the signal', async (t) => {
  const lab = makeFaultLab(t, 'sigkill');
  const running = startRun(lab, ['--boot-timeout', '120']);
  // Mid-boot: QEMU runs and the guest has started writing its console.
  const [pid] = await waitFor('the install VM to print on its console', async () => {
    const pids = await findQemuPids(lab.dir);
    const [log] = findFiles(lab.out, /install\/console\.log$/);
    return pids.length > 0 && log && statSync(log).size > 0 ? pids : undefined;
  });
  process.kill(pid as number, 'SIGKILL');
  await assertInstallFailed(t, lab, await running, /(report incomplete|no probe line), QEMU exited \(SIGKILL\)/);
});

test.serial('QEMU refusing a bad device option fails the install phase with QEMU\'s own complaint', async (t) => {
  const lab = makeFaultLab(t, 'bad-device', { FAULT_MATCH: '/masters/', FAULT_MODE: 'bad-device' });
  const run = await startRun(lab, ['--boot-timeout', '120']);
  await assertInstallFailed(t, lab, run, /QEMU exited \(1: qemu-system-x86_64: -device no-such-nic-model: 'no-such-nic-model' is not a valid device model name\)/);
});
