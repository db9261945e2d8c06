import { mkdir, open, readdir, stat, truncate, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { readExt4Superblock } from '../../../../harness/disks/ext4-create.js';
import { findExt4Entry, listExt4Dir, readExt4File } from '../../../../harness/disks/ext4-files.js';
import { readFatFile } from '../../../../harness/disks/fat-volume.js';
import type { Geometry } from '../../../../harness/disks/types.js';
import { findLinuxRoot } from '../../../../harness/debian/boot/find-linux-root.js';
import { linuxFileMethod } from '../../../../harness/debian/imaging/ext4-file-method.js';
import { formatExt4WimFacts } from '../../../../harness/debian/imaging/ext4-wim-facts.js';
import { InfrastructureError, UsageError } from '../../../../harness/errors/errors.js';
import { makeFreshDirs, makeScratch } from '../../disks/fixtures.js';
import { LOADER, MiB, makeLinuxFixture, type LinuxFixture } from './linux-disk-fixture.js';

const scratch = makeScratch();
const freshDir = makeFreshDirs(scratch);

function describeTarget(sizeBytes: number): Geometry {
  return { sizeBytes, table: 'mbr', partitionStart: 2048, sectorSize: 512, filesystem: 'fat32' };
}

async function captureFixture(name: string): Promise<{ dir: string; source: LinuxFixture; wim: string }> {
  const dir = await freshDir(name);
  const source = await makeLinuxFixture(dir);
  const wim = path.join(dir, 'source.wim');
  await linuxFileMethod.capture(source.disk, { out: wim, check: true });
  return { dir, source, wim };
}

test('file apply makes a fresh disk: new UUID, same label, contents, modes, owners, symlink, ESP, GRUB', async (t) => {
  const { dir, source, wim } = await captureFixture('apply');
  const target = path.join(dir, 'target.img');
  const result = await linuxFileMethod.apply({ method: 'file', path: wim, source: source.disk, storedBytes: 0, index: 1, notes: [] }, target, describeTarget(192 * MiB));
  const root = await findLinuxRoot(target);
  t.is(root.startBytes + root.sizeBytes, 192 * MiB);
  const superblock = await readExt4Superblock(target, root.startBytes);
  t.not(superblock.uuid, source.uuid);
  t.is(superblock.label, source.label);
  t.regex(result.notes.join(' '), /\/etc\/fstab still names the old one/);
  t.is((await readExt4File(target, root.startBytes, '/etc/fstab')).toString(), `UUID=${source.uuid} / ext4 errors=remount-ro 0 1\n`);
  const shadow = await findExt4Entry(target, root.startBytes, '/etc/shadow');
  t.like(shadow, { type: 'file', mode: 0o600, uid: 0, gid: 0 });
  t.like(await findExt4Entry(target, root.startBytes, '/home/user/notes.txt'), { type: 'file', uid: 1000, gid: 1000 });
  t.like(await findExt4Entry(target, root.startBytes, '/home/user'), { type: 'dir', uid: 1000, gid: 1000 });
  t.like(await findExt4Entry(target, root.startBytes, '/su'), { type: 'file', mode: 0o4755 }, 'setuid put back after rdump');
  t.like(await findExt4Entry(target, root.startBytes, '/fstab-link'), { type: 'symlink' });
  t.like(await findExt4Entry(target, root.startBytes, '/empty'), { type: 'dir' });
  t.deepEqual(await listExt4Dir(target, root.startBytes, '/empty'), []);
  t.deepEqual(await readFatFile(target, 1 * MiB, '/EFI/BOOT/BOOTX64.EFI'), LOADER);
  const mbr = Buffer.alloc(512);
  const handle = await open(target, 'r');
  await handle.read(mbr, 0, 512, 0);
  await handle.close();
  t.true(mbr.subarray(0, 440).some((byte) => byte !== 0) && !mbr.subarray(0, 440).equals(Buffer.alloc(440, 0xab)), 'GRUB boot.img written anew');
  const leftovers = (await readdir(dir)).filter((name) => name.startsWith('.'));
  t.deepEqual(leftovers, [], 'no temporary folder or file left');
});

test('file apply with keepUuid keeps the source UUID, onto a disk smaller than the source', async (t) => {
  const { dir, source, wim } = await captureFixture('keep');
  const target = path.join(dir, 'target.img');
  const result = await linuxFileMethod.apply({ method: 'file', path: wim, source: source.disk, storedBytes: 0, notes: [] }, target, describeTarget(130 * MiB), { keepUuid: true });
  const root = await findLinuxRoot(target);
  t.is((await readExt4Superblock(target, root.startBytes)).uuid, source.uuid);
  t.is((await stat(target)).size, 130 * MiB);
  t.regex(result.notes.join(' '), /kept from the source/);
});

test('file apply refuses a garbage or truncated WIM with a clear error and leaves no target', async (t) => {
  const { dir, source, wim } = await captureFixture('garbage');
  const garbage = path.join(dir, 'garbage.wim');
  await writeFile(garbage, Buffer.alloc(4096, 0x5a));
  const target = path.join(dir, 'target.img');
  const captured = { method: 'file' as const, source: source.disk, storedBytes: 0, notes: [] };
  await t.throwsAsync(linuxFileMethod.apply({ ...captured, path: garbage }, target, describeTarget(130 * MiB)), { instanceOf: UsageError, message: /garbage\.wim is not a readable WIM/ });
  await truncate(wim, Math.floor((await stat(wim)).size / 2));
  await t.throwsAsync(linuxFileMethod.apply({ ...captured, path: wim }, target, describeTarget(130 * MiB)), { instanceOf: UsageError, message: /source\.wim is not a readable WIM.*end of the file/ });
  await t.throwsAsync(stat(target), { code: 'ENOENT' });
  t.deepEqual((await readdir(dir)).filter((name) => name.startsWith('.')), []);
});

test('file apply refuses a tree larger than the target root, naming the sizes', async (t) => {
  const dir = await freshDir('too-big');
  const tree = path.join(dir, 'tree');
  await mkdir(tree);
  await writeFile(path.join(tree, 'big.bin'), Buffer.alloc(80 * MiB, 1));
  const wim = path.join(dir, 'big.wim');
  const facts = formatExt4WimFacts({ rootUuid: '3d2c1b0a-1111-4222-8333-444455556666', rootLabel: 'big', espBytes: 64 * MiB });
  await execa('wimlib-imagex', ['capture', tree, wim, 'root', facts, '--unix-data', '--compress=XPRESS']);
  const target = path.join(dir, 'target.img');
  const error = await t.throwsAsync(linuxFileMethod.apply({ method: 'file', path: wim, source: tree, storedBytes: 0, notes: [] }, target, describeTarget(130 * MiB)), { instanceOf: UsageError });
  t.regex(error.message, new RegExp(`${80 * MiB + 4096} bytes.*${65 * MiB} bytes of a ${130 * MiB}-byte disk`));
  await t.throwsAsync(stat(target), { code: 'ENOENT' });
});

test('file apply refuses a WIM that the Linux file method did not capture', async (t) => {
  const dir = await freshDir('foreign');
  await mkdir(path.join(dir, 'tree'));
  const wim = path.join(dir, 'foreign.wim');
  await execa('wimlib-imagex', ['capture', path.join(dir, 'tree'), wim, 'plain']);
  await t.throwsAsync(linuxFileMethod.apply({ method: 'file', path: wim, source: wim, storedBytes: 0, notes: [] }, path.join(dir, 't.img'), describeTarget(130 * MiB)), { instanceOf: UsageError, message: /not a Linux root captured by the file method/ });
});

test('file apply canceled while it works leaves neither a target nor its work folder', async (t) => {
  const { dir, source, wim } = await captureFixture('cancel');
  const target = path.join(dir, 'target.img');
  const controller = new AbortController();
  const applying = linuxFileMethod.apply({ method: 'file', path: wim, source: source.disk, storedBytes: 0, notes: [] }, target, describeTarget(130 * MiB), { signal: controller.signal });
  let settled = false;
  applying.then(() => { settled = true; }, () => { settled = true; });
  // Abort once the work folder beside the target exists: the apply is then past its checks.
  while (!settled && !(await readdir(dir)).some((name) => name.includes('.work-'))) await sleep(20);
  controller.abort();
  await t.throwsAsync(applying, { instanceOf: InfrastructureError, message: /canceled/ });
  await t.throwsAsync(stat(target), { code: 'ENOENT' });
  t.deepEqual((await readdir(dir)).filter((name) => name.startsWith('.')), []);
});

test('the Linux file method refuses append and keepExisting instead of ignoring them', async (t) => {
  const dir = await freshDir('options');
  await t.throwsAsync(linuxFileMethod.capture(path.join(dir, 'none.img'), { out: path.join(dir, 'x.wim'), append: true }), { instanceOf: UsageError, message: /writes a new WIM/ });
  await t.throwsAsync(linuxFileMethod.apply({ method: 'file', path: path.join(dir, 'x.wim'), source: 'x', storedBytes: 0, notes: [] }, path.join(dir, 't.img'), describeTarget(130 * MiB), { keepExisting: true }), { instanceOf: UsageError, message: /always makes a fresh disk/ });
});
