import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { InfrastructureError } from '../../../harness/errors/errors.js';
import { QmpSession } from '../../../harness/qemu/qmp-session.js';
import { QemuVm } from '../../../harness/qemu/vm.js';
import { isAlive, makeFakeVm } from './fake-qemu.js';

async function startQmpFake(t: ExecutionContext, env: NodeJS.ProcessEnv = {}): Promise<QemuVm> {
  const fakeVm = makeFakeVm(t, 'qmp-server', env);
  const vm = await QemuVm.start(fakeVm.command, { name: 'vm1', workDir: fakeVm.workDir, channels: fakeVm.channels, env: fakeVm.env });
  t.teardown(async () => {
    await vm.kill();
  });
  return vm;
}

test('connects once the socket appears, negotiates, and lists PCI functions with hex ids', async (t) => {
  const vm = await startQmpFake(t, { FAKE_QMP_DELAY_MS: '300' });
  const qmp = await vm.qmp({ timeoutMs: 20_000 });
  t.is(await vm.qmp(), qmp, 'the session is made once');
  t.deepEqual(qmp.version, { major: 7, minor: 2, micro: 22 });
  const pci = await qmp.queryPci();
  t.deepEqual(pci.find((fn) => fn.qdevId === 'nic0'), { bus: 0, slot: 2, function: 0, address: '00:02.0', vendor: '8086', device: '100e', pciClass: '0200', qdevId: 'nic0' });
  t.is(pci.find((fn) => fn.address === '00:01.1')?.device, '7010');
  // The fake sends an event and a broken line before each answer: events are kept, junk is dropped.
  t.true(qmp.events().some((event) => event.event === 'RTC_CHANGE'));
});

test('a QMP error names the command and the class', async (t) => {
  const vm = await startQmpFake(t);
  const qmp = await vm.qmp({ timeoutMs: 20_000 });
  await t.throwsAsync(qmp.execute('no-such-command'), { instanceOf: InfrastructureError, message: /QMP command no-such-command failed: CommandNotFound/ });
  // The session still works after an error.
  t.deepEqual(await qmp.execute('query-status'), { status: 'prelaunch', running: false });
});

test('a command without an answer times out, and answers stay matched by id', async (t) => {
  const vm = await startQmpFake(t);
  const qmp = await vm.qmp({ timeoutMs: 20_000 });
  const hung = qmp.execute('hang', undefined, { timeoutMs: 200 });
  const [status] = await Promise.all([qmp.execute('query-status'), t.throwsAsync(hung, { message: /got no answer within 200 ms/ })]);
  t.deepEqual(status, { status: 'prelaunch', running: false });
});

test('screendump writes PNG where QEMU supports it, PPM before QEMU 7.1', async (t) => {
  const modern = await (await startQmpFake(t)).qmp({ timeoutMs: 20_000 });
  const old = await (await startQmpFake(t, { FAKE_QEMU_VERSION: '7.0.0' })).qmp({ timeoutMs: 20_000 });
  const dir = makeFakeVm(t, 'hang').dir;
  t.is(await modern.screendump(path.join(dir, 'a.png')), 'png');
  t.deepEqual([...(await readFile(path.join(dir, 'a.png'))).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  t.is(await old.screendump(path.join(dir, 'b.ppm')), 'ppm');
  t.true((await readFile(path.join(dir, 'b.ppm'), 'latin1')).startsWith('P6'));
});

test('system_powerdown: QEMU exits, the session closes, later commands reject', async (t) => {
  const vm = await startQmpFake(t);
  const qmp = await vm.qmp({ timeoutMs: 20_000 });
  await qmp.systemPowerdown();
  const result = await vm.waitForExit({ timeoutMs: 20_000 });
  t.is(result.exitCode, 0);
  t.false(isAlive(vm.pid));
  t.true(qmp.closed);
  await t.throwsAsync(qmp.cont(), { instanceOf: InfrastructureError });
});

test('quit resolves and QEMU exits 0', async (t) => {
  const vm = await startQmpFake(t);
  const qmp = await vm.qmp({ timeoutMs: 20_000 });
  await qmp.cont();
  t.true(qmp.events().some((event) => event.event === 'RESUME'));
  await qmp.quit();
  t.is((await vm.waitForExit({ timeoutMs: 20_000 })).exitCode, 0);
});

test('connect to a socket nobody serves fails with an InfrastructureError', async (t) => {
  const dir = makeFakeVm(t, 'hang').dir;
  await t.throwsAsync(QmpSession.connect(path.join(dir, 'none.sock'), { timeoutMs: 500 }), { instanceOf: InfrastructureError, message: /Could not open the QMP session/ });
});

test('qmp() on a QEMU that never makes its socket rejects early when QEMU exits', async (t) => {
  const fakeVm = makeFakeVm(t, 'crash');
  const vm = await QemuVm.start(fakeVm.command, { name: 'vm1', workDir: fakeVm.workDir, channels: fakeVm.channels, env: fakeVm.env });
  await t.throwsAsync(vm.qmp({ timeoutMs: 60_000 }), { instanceOf: InfrastructureError, message: /exit code 3 before its QMP socket answered/ });
});
