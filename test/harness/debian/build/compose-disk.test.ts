import { readdir } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { buildDebianSystem } from '../../../../harness/debian/build/build-system.js';
import { composeDebianDisk } from '../../../../harness/debian/build/compose-disk.js';
import { computeDebianLayout } from '../../../../harness/debian/build/disk-layout.js';
import { readExt4Uuid } from '../../../../harness/disks/ext4-create.js';
import { findExt4Entry, readExt4File } from '../../../../harness/disks/ext4-files.js';
import { UsageError } from '../../../../harness/errors/errors.js';
import { makeFreshDirs, makeScratch } from '../../disks/fixtures.js';
import { installFakeMmdebstrap } from './fake-mmdebstrap.js';

const scratch = makeScratch();
const freshDir = makeFreshDirs(scratch);
const cacheDir = path.join(scratch, 'cache');
test.before(async () => {
  await installFakeMmdebstrap(scratch, cacheDir);
});
const MiB = 1024 * 1024;

test('composeDebianDisk writes an MBR (ESP 0xef at 1 MiB, ext4 0x83 after it), the root with fstab by UUID, and the given files', async (t) => {
  const system = await buildDebianSystem({ cacheDir });
  const dir = await freshDir('compose');
  const out = path.join(dir, 'debian.img');
  const rootUuid = '5d0c9a7e-0000-4000-8000-00000000abcd';
  const facts = await composeDebianDisk({
    system, out, sizeBytes: 160 * MiB, rootUuid,
    files: [{ path: '/etc/systemd/system/clonelab-probe.service', content: '[Unit]\nDescription=probe\n', mode: 0o644 },
      { path: '/usr/local/sbin/clonelab-probe', content: Buffer.from('#!/bin/sh\n'), mode: 0o755 }],
  });
  t.like(facts, {
    disk: out, kernelRelease: '6.1.0-99-amd64', kernel: '/boot/vmlinuz-6.1.0-99-amd64', initrd: '/boot/initrd.img-6.1.0-99-amd64',
    esp: { startBytes: MiB, sizeBytes: 64 * MiB }, root: { startBytes: 65 * MiB, sizeBytes: 95 * MiB, uuid: rootUuid },
  });
  const { stdout } = await execa('sfdisk', ['--json', out]);
  const table = (JSON.parse(stdout) as { partitiontable: { label: string; partitions: { start: number; size: number; type: string }[] } }).partitiontable;
  t.is(table.label, 'dos');
  t.deepEqual(table.partitions.map(({ start, size, type }) => ({ start, size, type })), [
    { start: 2048, size: 131072, type: 'ef' }, { start: 133120, size: 194560, type: '83' }]);
  t.is(await readExt4Uuid(out, facts.root.startBytes), rootUuid);
  const fstab = (await readExt4File(out, facts.root.startBytes, '/etc/fstab')).toString();
  t.regex(fstab, new RegExp(`^UUID=${rootUuid} / ext4 errors=remount-ro 0 1$`, 'm'));
  t.regex(fstab, new RegExp(`^UUID=${facts.esp.serial} /boot/efi vfat umask=0077,nofail 0 2$`, 'm'));
  const { stdout: blkid } = await execa('blkid', ['-p', '-O', String(facts.esp.startBytes), '-o', 'export', out]);
  t.regex(blkid, new RegExp(`^UUID=${facts.esp.serial}$`, 'm'));
  t.regex(blkid, /^TYPE=vfat$/m);
  t.like(await findExt4Entry(out, facts.root.startBytes, facts.kernel), { type: 'file' });
  t.like(await findExt4Entry(out, facts.root.startBytes, facts.initrd), { type: 'file' });
  t.like(await findExt4Entry(out, facts.root.startBytes, '/boot/efi'), { type: 'dir' });
  t.like(await findExt4Entry(out, facts.root.startBytes, '/usr/local/sbin/clonelab-probe'), { mode: 0o755, uid: 0 });
  t.like(await findExt4Entry(out, facts.root.startBytes, '/usr/bin/su'), { mode: 0o4755 });
  t.is((await readExt4File(out, facts.root.startBytes, '/etc/systemd/system/clonelab-probe.service')).toString(), '[Unit]\nDescription=probe\n');
  t.deepEqual(await readdir(dir), ['debian.img']);
});

test('composeDebianDisk leaves nothing behind when it fails, and a random root UUID is used when none is given', async (t) => {
  const system = await buildDebianSystem({ cacheDir });
  const dir = await freshDir('fails');
  await t.throwsAsync(composeDebianDisk({ system, out: path.join(dir, 'x.img'), sizeBytes: 160 * MiB, files: [{ path: 'relative', content: 'x' }] }), { instanceOf: UsageError });
  t.deepEqual(await readdir(dir), []);
  const facts = await composeDebianDisk({ system, out: path.join(dir, 'y.img'), sizeBytes: 160 * MiB });
  t.regex(facts.root.uuid, /^[0-9a-f-]{36}$/);
  t.is(await readExt4Uuid(facts.disk, facts.root.startBytes), facts.root.uuid);
});

test('the layout refuses disks too small for an ESP and a root, and other sector sizes', async (t) => {
  t.throws(() => computeDebianLayout(100 * MiB, 64 * MiB), { instanceOf: UsageError, message: /at least 129 MiB/ });
  t.throws(() => computeDebianLayout(1536 * MiB, 8 * MiB), { instanceOf: UsageError, message: /at least 33 MiB/ });
  t.deepEqual(computeDebianLayout(1536 * MiB, 64 * MiB), { esp: { startBytes: MiB, sizeBytes: 64 * MiB }, root: { startBytes: 65 * MiB, sizeBytes: 1471 * MiB } });
  await t.throwsAsync(composeDebianDisk({ system: { tree: '/nonexistent', kernelRelease: 'x' }, out: '/tmp/never.img', sectorSize: 4096 }), { instanceOf: UsageError, message: /expected 512, got 4096/ });
});
