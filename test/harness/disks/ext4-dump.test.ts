import { chmod, chown, lstat, mkdir, open, readFile, readlink, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { createExt4 } from '../../../harness/disks/ext4-create.js';
import { dumpExt4Tree } from '../../../harness/disks/ext4-dump.js';
import { InfrastructureError, UsageError } from '../../../harness/errors/errors.js';
import { makeFreshDirs, makeScratch } from './fixtures.js';

const scratch = makeScratch();
const freshDir = makeFreshDirs(scratch);
const MiB = 1024 * 1024;
const asRoot = process.getuid?.() === 0;

test('dumpExt4Tree copies files, owners, modes and symlinks out (suid bits are lost, as measured)', async (t) => {
  const dir = await freshDir('dump');
  const tree = path.join(dir, 'tree');
  await mkdir(path.join(tree, 'etc', 'ssh'), { recursive: true });
  await writeFile(path.join(tree, 'etc', 'ssh', 'key'), 'secret\n');
  await chmod(path.join(tree, 'etc', 'ssh', 'key'), 0o600);
  await writeFile(path.join(tree, 'su'), 'binary');
  await chmod(path.join(tree, 'su'), 0o4755);
  await symlink('/etc/ssh/key', path.join(tree, 'link'));
  if (asRoot) await chown(path.join(tree, 'etc', 'ssh', 'key'), 1234, 4321);
  const disk = path.join(dir, 'disk.img');
  await writeFile(disk, '');
  await truncate(disk, 20 * MiB);
  await createExt4({ disk, offsetBytes: MiB, sizeBytes: 16 * MiB, fromDir: tree });
  const out = path.join(dir, 'out');
  await dumpExt4Tree(disk, MiB, out);
  t.is(await readFile(path.join(out, 'etc', 'ssh', 'key'), 'utf8'), 'secret\n');
  const key = await lstat(path.join(out, 'etc', 'ssh', 'key'));
  t.is(key.mode & 0o7777, 0o600);
  if (asRoot) t.deepEqual([key.uid, key.gid], [1234, 4321]);
  t.is(await readlink(path.join(out, 'link')), '/etc/ssh/key');
  t.is((await lstat(path.join(out, 'su'))).mode & 0o7777, 0o755);
  await t.throwsAsync(dumpExt4Tree(disk, MiB, out), { instanceOf: UsageError, message: /expected an empty folder/ });
});

test('dumpExt4Tree refuses a damaged filesystem', async (t) => {
  const dir = await freshDir('damaged');
  const disk = path.join(dir, 'disk.img');
  await writeFile(disk, '');
  await truncate(disk, 16 * MiB);
  await createExt4({ disk, offsetBytes: 0, sizeBytes: 16 * MiB });
  // Overwrite the metadata after the superblock (group descriptors and bitmaps of a 1 KiB-block filesystem).
  const handle = await open(disk, 'r+');
  await handle.write(Buffer.alloc(8192, 0xff), 0, 8192, 2048);
  await handle.close();
  await t.throwsAsync(dumpExt4Tree(disk, 0, path.join(dir, 'out')), { instanceOf: InfrastructureError, message: /has errors/ });
});
