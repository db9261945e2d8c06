import { readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import tmp from 'tmp';
import { hardwareCatalog } from '../../../../machines/catalog/models.js';
import { resolveConfinement } from '../../../../harness/qemu/confinement.js';
import { buildQemuArgs } from '../../../../harness/qemu/build-args.js';
import { QemuVm } from '../../../../harness/qemu/vm.js';
import { isAlive } from '../../../harness/qemu/fake-qemu.js';

test('real QEMU, confined as this host allows: screendump of a running VGA machine is a PNG with the display size; stop ends QEMU', async (t) => {
  const dir = tmp.dirSync({ prefix: 'clonelab-test-screendump-', unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const model = hardwareCatalog.find((candidate) => candidate.name === 'desktop-e1000');
  if (!model) throw new Error('catalog lacks desktop-e1000');
  const disk = path.join(dir.name, 'blank.img');
  await writeFile(disk, '');
  await truncate(disk, 1024 * 1024);
  const channels = { consoleLog: path.join(dir.name, 'console.log'), agentLog: path.join(dir.name, 'agent.log'), qmpSocket: path.join(dir.name, 'qmp.sock') };
  const command = buildQemuArgs({ name: 'shot', model, disks: [{ path: disk, format: 'raw' }], boot: { kind: 'firmware' }, channels, macSeed: 'shot', accel: 'tcg', paused: true, confinement: await resolveConfinement() });
  t.is(command.args.includes('-sandbox'), command.confinement.sandbox);
  t.is(command.args.includes('-runas'), command.confinement.runAs !== undefined);
  const vm = await QemuVm.start(command, { name: 'shot', workDir: dir.name, channels, graceMs: 2000 });
  t.teardown(async () => {
    await vm.kill();
  });
  const qmp = await vm.qmp({ timeoutMs: 20_000 });
  t.like(await qmp.execute('query-status'), { status: 'prelaunch', running: false });
  await qmp.cont();
  // The test folder is private to this user (tmp makes it 0700): a QEMU that switched users
  // cannot write there itself, so this also proves the screendump's hand-over.
  const file = path.join(dir.name, 'screen.png');
  t.is(await vm.screendump(file), 'png');
  const png = await readFile(file);
  t.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  t.is(png.subarray(12, 16).toString('latin1'), 'IHDR');
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  t.true(width >= 320 && height >= 200, `${width}x${height}`);
  const result = await vm.stop();
  t.false(result.timedOut);
  t.false(isAlive(vm.pid));
  t.true(result.exitCode === 0 || result.signal !== undefined);
});
