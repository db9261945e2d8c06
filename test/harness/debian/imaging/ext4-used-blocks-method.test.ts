import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { readExt4Superblock } from '../../../../harness/disks/ext4-create.js';
import { readExt4File } from '../../../../harness/disks/ext4-files.js';
import { readFatFile } from '../../../../harness/disks/fat-volume.js';
import { findLinuxRoot } from '../../../../harness/debian/boot/find-linux-root.js';
import { linuxUsedBlocksMethod } from '../../../../harness/debian/imaging/ext4-used-blocks-method.js';
import { UsageError } from '../../../../harness/errors/errors.js';
import type { Geometry } from '../../../../harness/disks/types.js';
import { makeFreshDirs, makeScratch } from '../../disks/fixtures.js';
import { LOADER, MiB, makeLinuxFixture } from './linux-disk-fixture.js';

const scratch = makeScratch();
const freshDir = makeFreshDirs(scratch);

function describeTarget(sizeBytes: number): Geometry {
  return { sizeBytes, table: 'mbr', partitionStart: 2048, sectorSize: 512, filesystem: 'fat32' };
}

async function readBytes(file: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, offset);
    return buffer;
  } finally {
    await handle.close();
  }
}

test('used-blocks stores only used blocks and applies onto a bigger disk with the same UUID, boot code and ESP', async (t) => {
  const dir = await freshDir('bigger');
  const source = await makeLinuxFixture(dir);
  const captured = await linuxUsedBlocksMethod.capture(source.disk, { out: path.join(dir, 'captured.img') });
  t.true(captured.storedBytes < (await stat(source.disk)).size / 4, `stored ${captured.storedBytes} bytes`);
  t.regex(captured.notes.join(' '), /e2image -ra/);
  const target = path.join(dir, 'target.img');
  const result = await linuxUsedBlocksMethod.apply(captured, target, describeTarget(224 * MiB));
  t.is((await stat(target)).size, 224 * MiB);
  const root = await findLinuxRoot(target);
  t.is(root.number, 2);
  t.is(root.startBytes, source.layout.root.startBytes);
  t.is(root.startBytes + root.sizeBytes, 224 * MiB, 'the root partition fills the target');
  const superblock = await readExt4Superblock(target, root.startBytes);
  t.is(superblock.uuid, source.uuid);
  t.is(superblock.label, source.label);
  t.is(superblock.blocksCount * superblock.blockSize, source.layout.root.sizeBytes, 'the filesystem did not grow');
  t.regex(result.notes.join(' '), /did not grow/);
  t.is((await readExt4File(target, root.startBytes, '/etc/fstab')).toString(), `UUID=${source.uuid} / ext4 errors=remount-ro 0 1\n`);
  t.is((await readExt4File(target, root.startBytes, '/home/user/notes.txt')).toString(), 'owned by 1000\n');
  t.deepEqual(await readBytes(target, 0, 440), Buffer.alloc(440, 0xab), 'MBR boot code kept');
  t.deepEqual(await readBytes(target, 512, 512), Buffer.alloc(512, 0xcd), 'core.img gap kept');
  t.deepEqual(await readBytes(target, 440, 4), await readBytes(source.disk, 440, 4), 'disk signature kept');
  t.deepEqual(await readFatFile(target, source.layout.esp.startBytes, '/EFI/BOOT/BOOTX64.EFI'), LOADER);
});

test('used-blocks refuses a target smaller than the source filesystem, naming both sizes, unless forced', async (t) => {
  const dir = await freshDir('smaller');
  const source = await makeLinuxFixture(dir);
  const captured = await linuxUsedBlocksMethod.capture(source.disk, { out: path.join(dir, 'captured.img') });
  const target = path.join(dir, 'target.img');
  const error = await t.throwsAsync(linuxUsedBlocksMethod.apply(captured, target, describeTarget(140 * MiB)), { instanceOf: UsageError });
  t.true(error.message.includes(String(140 * MiB)) && error.message.includes(String(source.layout.root.sizeBytes)), error.message);
  await t.throwsAsync(stat(target), { code: 'ENOENT' });
  const forced = await linuxUsedBlocksMethod.apply(captured, target, describeTarget(140 * MiB), { force: true });
  t.is((await stat(target)).size, 140 * MiB);
  t.regex(forced.notes.join(' '), /cut/);
});

test('used-blocks onto a disk of the same size is a faithful copy of the root', async (t) => {
  const dir = await freshDir('same');
  const source = await makeLinuxFixture(dir);
  const captured = await linuxUsedBlocksMethod.capture(source.disk, { out: path.join(dir, 'captured.img') });
  const target = path.join(dir, 'target.img');
  const result = await linuxUsedBlocksMethod.apply(captured, target, describeTarget(160 * MiB));
  t.is((await readExt4File(target, source.layout.root.startBytes, '/etc/shadow')).toString(), 'root:*:1:0:99999:7:::\n');
  t.deepEqual(await readBytes(target, 446, 66), await readBytes(source.disk, 446, 66), 'partition table unchanged');
  t.false(result.notes.join(' ').includes('did not grow'));
});
