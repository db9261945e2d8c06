import { open, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { createExt4, readExt4Superblock, readExt4Uuid } from '../../../harness/disks/ext4-create.js';
import { readExt4File } from '../../../harness/disks/ext4-files.js';
import { InfrastructureError, UsageError } from '../../../harness/errors/errors.js';
import { makeFreshDirs, makeScratch, makeTree } from './fixtures.js';

const scratch = makeScratch();
const freshDir = makeFreshDirs(scratch);
const MiB = 1024 * 1024;

test('createExt4 writes a filesystem with a tree at a byte offset, and the superblock reads back', async (t) => {
  const dir = await freshDir('create');
  const disk = path.join(dir, 'disk.img');
  await truncate(await touch(disk), 24 * MiB);
  const tree = await makeTree(path.join(dir, 'tree'), 10_000);
  const uuid = await createExt4({ disk, offsetBytes: MiB, sizeBytes: 20 * MiB, uuid: '0F3C59E2-1111-4222-8333-444455556666', label: 'lab-root', fromDir: tree });
  t.is(uuid, '0f3c59e2-1111-4222-8333-444455556666');
  t.is(await readExt4Uuid(disk, MiB), uuid);
  const superblock = await readExt4Superblock(disk, MiB);
  t.is(superblock.label, 'lab-root');
  t.is(superblock.blockSize * superblock.blocksCount, 20 * MiB);
  t.deepEqual(await readExt4File(disk, MiB, '/Boot/Long File Name.cfg'), await readFile(path.join(tree, 'Boot', 'Long File Name.cfg')));
  // The first MiB (where a boot loader goes) stays untouched.
  const head = Buffer.alloc(MiB);
  const handle = await open(disk, 'r');
  await handle.read(head, 0, MiB, 0);
  await handle.close();
  t.true(head.every((byte) => byte === 0));
});

test('createExt4 makes a random UUID when none is given', async (t) => {
  const disk = path.join(await freshDir('random'), 'disk.img');
  await truncate(await touch(disk), 8 * MiB);
  const first = await createExt4({ disk, offsetBytes: 0, sizeBytes: 8 * MiB });
  const second = await createExt4({ disk, offsetBytes: 0, sizeBytes: 8 * MiB });
  t.regex(first, /^[0-9a-f-]{36}$/);
  t.not(first, second);
  t.is(await readExt4Uuid(disk, 0), second);
});

test('readExt4Uuid names the offset and what it found when there is no ext4 magic', async (t) => {
  const disk = path.join(await freshDir('magic'), 'disk.img');
  await truncate(await touch(disk), 4 * MiB);
  const error = await t.throwsAsync(readExt4Uuid(disk, 2048), { instanceOf: InfrastructureError });
  t.regex(error.message, /No ext4 filesystem at byte 2048 of .*disk\.img: expected the magic 0xef53 at byte 3128, found 0x0000/);
  const short = await t.throwsAsync(readExt4Uuid(disk, 4 * MiB), { instanceOf: InfrastructureError });
  t.regex(short.message, /found only 0 bytes/);
});

test('createExt4 refuses a bad UUID, label or size before running mke2fs', async (t) => {
  const disk = path.join(await freshDir('bad'), 'disk.img');
  await t.throwsAsync(createExt4({ disk, offsetBytes: 0, sizeBytes: 8 * MiB, uuid: 'nope' }), { instanceOf: UsageError, message: /expected 8-4-4-4-12 hex digits, got "nope"/ });
  await t.throwsAsync(createExt4({ disk, offsetBytes: 0, sizeBytes: 8 * MiB, label: 'x'.repeat(17) }), { instanceOf: UsageError, message: /at most 16 bytes/ });
  await t.throwsAsync(createExt4({ disk, offsetBytes: 0, sizeBytes: 1024 }), { instanceOf: UsageError, message: /at least 4 MiB/ });
});

test('createExt4 fails with the tool message when the tree does not exist', async (t) => {
  const dir = await freshDir('missing-tree');
  const disk = path.join(dir, 'disk.img');
  await truncate(await touch(disk), 8 * MiB);
  await t.throwsAsync(createExt4({ disk, offsetBytes: 0, sizeBytes: 8 * MiB, fromDir: path.join(dir, 'nope') }), { instanceOf: InfrastructureError, message: /mke2fs failed .*populating/ });
});

async function touch(file: string): Promise<string> {
  await writeFile(file, '');
  return file;
}
