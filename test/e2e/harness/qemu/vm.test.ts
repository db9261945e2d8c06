import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import tmp from 'tmp';
import { hardwareCatalog } from '../../../../machines/catalog/models.js';
import { InfrastructureError } from '../../../../harness/errors/errors.js';
import { resolveConfinement } from '../../../../harness/qemu/confinement.js';
import { buildQemuArgs } from '../../../../harness/qemu/build-args.js';
import { QemuVm } from '../../../../harness/qemu/vm.js';
import { isAlive } from '../../../harness/qemu/fake-qemu.js';

test('real QEMU refusing a bad -device: the wait rejects with exit code 1 and QEMU\'s own message', async (t) => {
  const dir = tmp.dirSync({ prefix: 'clonelab-test-vm-qemu-', unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const model = hardwareCatalog[0];
  if (!model) throw new Error('empty catalog');
  const disk = path.join(dir.name, 'blank.img');
  await writeFile(disk, Buffer.alloc(512));
  const channels = { consoleLog: path.join(dir.name, 'console.log'), agentLog: path.join(dir.name, 'agent.log'), qmpSocket: path.join(dir.name, 'qmp.sock') };
  const command = buildQemuArgs({ name: 'bad', model, disks: [{ path: disk, format: 'raw' }], boot: { kind: 'firmware' }, channels, macSeed: 'bad', accel: 'tcg', paused: true, confinement: await resolveConfinement() });
  const vm = await QemuVm.start({ ...command, args: [...command.args, '-device', 'bogus-card,addr=0x09'] }, { name: 'bad', workDir: dir.name, channels, machine: model.name });
  t.teardown(async () => {
    await vm.kill();
  });
  const error = await t.throwsAsync(vm.waitForConsoleText('never', { timeoutMs: 60_000 }), { instanceOf: InfrastructureError });
  t.regex(error.message, /exited with exit code 1 before/);
  t.regex(error.message, /'bogus-card' is not a valid device model name/);
  t.is(error.machine, model.name);
  t.false(isAlive(vm.pid));
});
