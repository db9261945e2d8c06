import { access, constants, readFile } from 'node:fs/promises';
import test from 'ava';
import { InfrastructureError } from '../../../harness/errors/errors.js';
import { QemuVm } from '../../../harness/qemu/vm.js';
import { listLiveVmProcesses } from '../../../harness/qemu/vm-registry.js';
import { isAlive, makeFakeVm, type FakeVm } from './fake-qemu.js';

function startFake(fakeVm: FakeVm, extra: { signal?: AbortSignal; graceMs?: number } = {}): Promise<QemuVm> {
  return QemuVm.start(fakeVm.command, { name: 'vm1', workDir: fakeVm.workDir, channels: fakeVm.channels, env: fakeVm.env, machine: 'desktop-e1000', ...extra });
}

test('follows a scripted boot on COM1 and COM2, wait after wait, and exits 0', async (t) => {
  const fakeVm = makeFakeVm(t, 'boot-and-exit');
  const vm = await startFake(fakeVm);
  t.is(await vm.waitForConsoleText('Booting', { timeoutMs: 20_000 }), 'Booting from ROM...');
  // A line written in two pieces is matched whole; the CR of a CRLF is dropped.
  t.is(await vm.waitForConsoleText(/Linux version (\S+)/, { timeoutMs: 20_000 }), '[    0.000000] Linux version 6.1.0-56-amd64 (fake)');
  // Reading on from the last wait: SeaBIOS was before it, so it is not found again; the last line has no newline.
  t.is(await vm.waitForConsoleText('Power down', { timeoutMs: 20_000 }), 'reboot: Power down');
  const probe = await vm.waitForAgentLine((line) => line.includes('"probe"'), { timeoutMs: 20_000, what: 'the probe report' });
  t.deepEqual(JSON.parse(probe), { schema: 1, kind: 'probe', sid: 'S-1-5-21-1-2-3' });
  const result = await vm.waitForExit({ timeoutMs: 20_000 });
  t.is(result.exitCode, 0);
  t.false(result.timedOut);
  t.false(result.canceled);
  t.deepEqual(vm.agentLines(), ['{"schema":1,"kind":"hello"}', '{"schema":1,"kind":"probe","sid":"S-1-5-21-1-2-3"}']);
  t.is(result.consoleLog, fakeVm.channels.consoleLog);
  await access(result.runScript, constants.X_OK);
  const script = await readFile(result.runScript, 'utf8');
  t.true(script.startsWith("#!/bin/sh\n"));
  t.true(script.includes("exec 'qemu-system-x86_64'"));
  t.true(script.includes(`'file,id=com1,path=${fakeVm.channels.consoleLog.replaceAll(',', ',,')}'`));
  t.false(isAlive(vm.pid));
});

test('a console wait on a VM that exits first rejects at once, naming what was awaited and the exit code', async (t) => {
  const fakeVm = makeFakeVm(t, 'boot-and-exit');
  const vm = await startFake(fakeVm);
  const error = await t.throwsAsync(vm.waitForConsoleText('login:', { timeoutMs: 60_000, what: 'the login prompt' }), { instanceOf: InfrastructureError });
  t.regex(error.message, /QEMU of VM "vm1" exited with exit code 0 before the login prompt appeared on the console \(COM1\)/);
  t.regex(error.message, /reboot: Power down/);
  t.false(error.timedOut);
});

test('a VM that hangs: the wait times out naming what, how long and which VM, and the VM is gone', async (t) => {
  const fakeVm = makeFakeVm(t, 'hang');
  const vm = await startFake(fakeVm, { graceMs: 5000 });
  t.true(isAlive(vm.pid));
  await vm.waitForConsoleText('Booting', { timeoutMs: 20_000 });
  const error = await t.throwsAsync(vm.waitForConsoleText('clonelab: setup done', { timeoutMs: 300, what: 'the end of setup' }), { instanceOf: InfrastructureError });
  t.true(error.timedOut);
  t.is(error.machine, 'desktop-e1000');
  t.regex(error.message, /Timed out after 300 ms waiting for the end of setup on the console \(COM1\) of VM "vm1"/);
  t.regex(error.message, /Last lines of the console \(COM1\):\n {2}SeaBIOS \(version fake\)\n {2}Booting from Hard Disk\.\.\./);
  t.true(vm.exited);
  t.false(isAlive(vm.pid));
  t.false(listLiveVmProcesses().some((entry) => entry.pid === vm.pid));
});

test('stop escalates to SIGKILL when QEMU ignores SIGTERM', async (t) => {
  const fakeVm = makeFakeVm(t, 'hang', { FAKE_IGNORE_SIGTERM: '1' });
  const vm = await startFake(fakeVm);
  await vm.waitForConsoleText('Booting', { timeoutMs: 20_000 });
  const result = await vm.stop({ graceMs: 200 });
  t.is(result.signal, 'SIGKILL');
  t.regex(result.stderrTail, /ignoring SIGTERM/);
  t.false(isAlive(vm.pid));
});

test('waitForExit times out: the VM is stopped and the result says timedOut', async (t) => {
  const fakeVm = makeFakeVm(t, 'hang');
  const vm = await startFake(fakeVm);
  const result = await vm.waitForExit({ timeoutMs: 200 });
  t.true(result.timedOut);
  t.is(result.signal, 'SIGTERM');
  t.false(isAlive(vm.pid));
});

test('QEMU refusing its command line is an InfrastructureError with the exit code and the stderr tail', async (t) => {
  const fakeVm = makeFakeVm(t, 'crash');
  const error = await t.throwsAsync(async () => {
    const vm = await startFake(fakeVm);
    await vm.waitForConsoleText('Linux version', { timeoutMs: 60_000 });
  }, { instanceOf: InfrastructureError });
  t.regex(error.message, /exited with exit code 3 before/);
  t.regex(error.message, /'bogus' is not a valid device model name/);
  t.regex(error.message, /Repro: .*runqemu\.sh/);
});

test('waitForExit on a QEMU that fails by itself rejects with the exit code', async (t) => {
  const fakeVm = makeFakeVm(t, 'crash');
  const vm = await startFake(fakeVm);
  const error = await t.throwsAsync(vm.waitForExit({ timeoutMs: 60_000 }), { instanceOf: InfrastructureError });
  t.regex(error.message, /exit code 3/);
  t.regex(vm.stderrTail(), /not a valid device model name/);
});

test('aborting mid-boot ends QEMU and fails the pending wait as canceled', async (t) => {
  const fakeVm = makeFakeVm(t, 'hang');
  const controller = new AbortController();
  const vm = await startFake(fakeVm, { signal: controller.signal, graceMs: 2000 });
  await vm.waitForConsoleText('Booting', { timeoutMs: 20_000 });
  const waiting = vm.waitForConsoleText('never printed', { timeoutMs: 60_000 });
  controller.abort();
  const error = await t.throwsAsync(waiting, { instanceOf: InfrastructureError });
  t.true(error.isCanceled);
  const result = await vm.waitForExit({ timeoutMs: 20_000 });
  t.true(result.canceled);
  t.false(result.timedOut);
  t.false(isAlive(vm.pid));
});

test('a missing QEMU binary is an InfrastructureError', async (t) => {
  const fakeVm = makeFakeVm(t, 'hang');
  const command = { ...fakeVm.command, binary: 'qemu-system-does-not-exist' };
  await t.throwsAsync(QemuVm.start(command, { name: 'vm1', workDir: fakeVm.workDir, channels: fakeVm.channels, env: fakeVm.env }), {
    instanceOf: InfrastructureError, message: /Could not start QEMU for VM "vm1"/,
  });
});

test('hostile agent output: garbage, invalid UTF-8 and a 10 MB line are bounded, flagged and survived', async (t) => {
  const fakeVm = makeFakeVm(t, 'hostile-agent', { FAKE_MANY_LINES: '3000' });
  const vm = await QemuVm.start(fakeVm.command, {
    name: 'vm1', workDir: fakeVm.workDir, channels: fakeVm.channels, env: fakeVm.env, agentLimits: { maxLineBytes: 64 * 1024, maxLines: 1000 },
  });
  const probe = await vm.waitForAgentLine((line) => line === '{"schema":1,"kind":"probe"}', { timeoutMs: 20_000 });
  t.is(probe, '{"schema":1,"kind":"probe"}');
  const records = vm.agentLineRecords();
  t.is(records.length, 1000);
  t.is(records.at(-1)?.text, probe);
  t.true(records.every((record) => Buffer.byteLength(record.text) <= 64 * 1024 * 3));
  await vm.waitForExit({ timeoutMs: 20_000 });
});

test('hostile agent output: the 10 MB line is cut to the line cap and flagged as truncated', async (t) => {
  const fakeVm = makeFakeVm(t, 'hostile-agent');
  const vm = await startFake(fakeVm);
  const huge = await vm.waitForAgentLine((line) => line.startsWith('{"kind":"huge"'), { timeoutMs: 20_000 });
  t.is(huge.length, 64 * 1024);
  const records = vm.agentLineRecords();
  t.true(records.find((record) => record.text === huge)?.truncated);
  t.is(records.filter((record) => record.truncated).length, 1);
  // The garbage lines are kept as text with replacement characters, not thrown away.
  t.true(records[1]?.text.includes('\uFFFD'));
  await vm.waitForExit({ timeoutMs: 20_000 });
});

test('after an exit, agentLines() holds the whole agent channel without any wait', async (t) => {
  const fakeVm = makeFakeVm(t, 'boot-and-exit');
  const vm = await startFake(fakeVm);
  await vm.waitForExit({ timeoutMs: 20_000 });
  t.deepEqual(vm.agentLines(), ['{"schema":1,"kind":"hello"}', '{"schema":1,"kind":"probe","sid":"S-1-5-21-1-2-3"}']);
  // The console's last line had no newline: the exit ends it, and a wait still finds it.
  t.is(await vm.waitForConsoleText('Power down', { timeoutMs: 1000 }), 'reboot: Power down');
});

test('aborting while qmp() waits for a socket that never comes rejects at once as canceled (no wait for QEMU to die)', async (t) => {
  // Not started paused: the hanging fake serves no QMP. It ignores SIGTERM, so QEMU lives on through the grace period.
  const fakeVm = makeFakeVm(t, 'hang', { FAKE_IGNORE_SIGTERM: '1' });
  const controller = new AbortController();
  const vm = await startFake(fakeVm, { signal: controller.signal, graceMs: 3000 });
  const connecting = vm.qmp({ timeoutMs: 60_000 });
  setTimeout(() => controller.abort(), 200);
  const started = performance.now();
  const error = await t.throwsAsync(connecting, { instanceOf: InfrastructureError, message: /Canceled while connecting to the QMP socket of VM "vm1"/ });
  t.true(error.isCanceled);
  t.true(performance.now() - started < 1500, `rejected after ${Math.round(performance.now() - started)} ms`);
  await vm.kill();
});
