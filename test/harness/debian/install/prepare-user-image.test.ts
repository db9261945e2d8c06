import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import tmp from 'tmp';
import { execa } from 'execa';
import { findExt4Entry, listExt4Dir, readExt4File } from '../../../../harness/disks/ext4-files.js';
import { prepareUserImage } from '../../../../harness/debian/install/prepare-user-image.js';
import { UsageError } from '../../../../harness/errors/errors.js';
import { makeFatOnlyDisk, makeLinuxDisk } from '../../../fixtures/linux-disk.js';
import { hashFile, makeFreshDirs, makeScratch } from '../../disks/fixtures.js';

const freshDir = makeFreshDirs(makeScratch());
const MACHINE_ID = '0123456789abcdef0123456789abcdef';

test('a qcow2 of a Linux disk: a raw copy with the probe and its units, no install unit; machine-id read; the original untouched', async (t) => {
  const dir = await freshDir('qcow2');
  const fixture = await makeLinuxDisk(dir, { files: { '/etc/machine-id': `${MACHINE_ID}\n`, '/etc/hostname': 'own\n' }, label: 'cloudimg-rootfs' });
  const qcow2 = path.join(dir, 'user.qcow2');
  await execa('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', fixture.disk, qcow2]);
  const before = await hashFile(qcow2);
  const out = path.join(dir, 'master.img');
  const prepared = await prepareUserImage(qcow2, out);
  t.is(await hashFile(qcow2), before, 'the user\'s image is only read');
  t.is(prepared.machineId, MACHINE_ID);
  t.like(prepared.root, { number: 2, startBytes: fixture.layout.root.startBytes, uuid: fixture.uuid, label: 'cloudimg-rootfs' });
  const info = JSON.parse((await execa('qemu-img', ['info', '--output=json', out])).stdout) as { format: string };
  t.is(info.format, 'raw');
  const at = prepared.root.startBytes;
  t.like(await findExt4Entry(out, at, '/usr/lib/clonelab/probe.sh'), { type: 'file', mode: 0o755 });
  t.like(await findExt4Entry(out, at, '/usr/lib/clonelab/lib.sh'), { type: 'file', mode: 0o644 });
  t.regex((await readExt4File(out, at, '/etc/systemd/system/clonelab-probe.service')).toString(), /ExecStart=\/usr\/lib\/clonelab\/probe\.sh/);
  const probeLink = await findExt4Entry(out, at, '/etc/systemd/system/multi-user.target.wants/clonelab-probe.service');
  t.like(probeLink, { type: 'symlink', size: '/etc/systemd/system/clonelab-probe.service'.length });
  t.like(await findExt4Entry(out, at, '/etc/systemd/system/sysinit.target.wants/clonelab-firstboot.service'), { type: 'symlink' });
  const system = (await listExt4Dir(out, at, '/etc/systemd/system')).map((entry) => entry.name);
  t.false(system.includes('clonelab-install.service'));
  t.false((await listExt4Dir(out, at, '/etc/systemd/system/multi-user.target.wants')).some((entry) => entry.name.includes('install')));
  t.is((await readExt4File(out, at, '/etc/hostname')).toString(), 'own\n', 'the image is as its owner made it');
  t.deepEqual((await readdir(dir)).filter((name) => name.includes('preparing')), []);
});

test('an image without a machine-id: none reported', async (t) => {
  const dir = await freshDir('no-id');
  const fixture = await makeLinuxDisk(dir, { files: { '/etc/machine-id': 'uninitialized\n' } });
  const prepared = await prepareUserImage(fixture.disk, path.join(dir, 'out.img'));
  t.is(prepared.machineId, undefined);
});

test('a FAT-only image: a UsageError naming what it holds, and no output', async (t) => {
  const dir = await freshDir('fat');
  const disk = await makeFatOnlyDisk(dir);
  const before = await hashFile(disk);
  const out = path.join(dir, 'out.img');
  const error = await t.throwsAsync(prepareUserImage(disk, out), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /no Linux root filesystem.*found MBR partitions 1: type 0xef/);
  t.false(existsSync(out));
  t.deepEqual((await readdir(dir)).filter((name) => name.includes('preparing')), []);
  t.is(await hashFile(disk), before);
});

test('a missing file or a folder: a UsageError naming it', async (t) => {
  const dir = await freshDir('missing');
  const missing = await t.throwsAsync(prepareUserImage(path.join(dir, 'nope.qcow2'), path.join(dir, 'out.img')), { instanceOf: UsageError });
  t.regex(missing?.message ?? '', /Cannot read the master image .*nope\.qcow2/);
  const folder = await t.throwsAsync(prepareUserImage(dir, path.join(dir, 'out.img')), { instanceOf: UsageError });
  t.regex(folder?.message ?? '', /is not a file/);
});

test('a file that is no disk at all: a UsageError, no output', async (t) => {
  const dir = await freshDir('garbage');
  const garbage = path.join(dir, 'notes.txt');
  await execa('sh', ['-c', `printf 'hello\\n' > "$1"`, 'sh', garbage]);
  const out = path.join(dir, 'out.img');
  await t.throwsAsync(prepareUserImage(garbage, out), { instanceOf: UsageError, message: /not a disk image/ });
  t.false(existsSync(out));
});

test('an image naming a backing file is refused before it is read (an untrusted qcow2 could point at a host file)', async (t) => {
  const dir = tmp.dirSync({ unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const secret = path.join(dir.name, 'host-file.raw');
  await execa('truncate', ['-s', '1M', secret]);
  const sneaky = path.join(dir.name, 'sneaky.qcow2');
  await execa('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', secret, sneaky]);
  const error = await t.throwsAsync(prepareUserImage(sneaky, path.join(dir.name, 'out.img')));
  t.regex(error?.message ?? '', /names a backing file .*host-file\.raw.*standalone image/);
});
