import { mkdir, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { createExt4 } from '../../../harness/disks/ext4-create.js';
import { findExt4Entry, listExt4Dir, makeExt4Dir, makeExt4Symlink, readExt4File, removeExt4Path, writeExt4File, writeExt4Files } from '../../../harness/disks/ext4-files.js';
import { runDebugfs } from '../../../harness/disks/ext4-debugfs.js';
import { checkExt4 } from '../../../harness/disks/ext4-dump.js';
import { InfrastructureError, UsageError } from '../../../harness/errors/errors.js';
import { makeFreshDirs, makeScratch, pseudoRandom } from './fixtures.js';

const scratch = makeScratch();
const freshDir = makeFreshDirs(scratch);
const MiB = 1024 * 1024;
const OFFSET = MiB;

/** A 24 MiB sparse disk with a 16 MiB ext4 at 1 MiB holding /etc/hostname and /etc/big. */
async function makeDisk(name: string): Promise<string> {
  const dir = await freshDir(name);
  const tree = path.join(dir, 'tree');
  await mkdir(path.join(tree, 'etc'), { recursive: true });
  await writeFile(path.join(tree, 'etc', 'hostname'), 'master\n');
  await writeFile(path.join(tree, 'etc', 'big'), pseudoRandom(300_000, 3));
  const disk = path.join(dir, 'disk.img');
  await writeFile(disk, '');
  await truncate(disk, 24 * MiB);
  await createExt4({ disk, offsetBytes: OFFSET, sizeBytes: 16 * MiB, fromDir: tree });
  return disk;
}

test('writeExt4File replaces a file with a mode, readExt4File reads it back, listExt4Dir shows it', async (t) => {
  const disk = await makeDisk('write');
  await writeExt4File(disk, OFFSET, '/etc/hostname', Buffer.from('clone-1\n'), { mode: 0o600 });
  t.is((await readExt4File(disk, OFFSET, '/etc/hostname')).toString(), 'clone-1\n');
  const entry = await findExt4Entry(disk, OFFSET, '/etc/hostname');
  t.like(entry, { name: 'hostname', path: '/etc/hostname', type: 'file', mode: 0o600, uid: 0, gid: 0, size: 8 });
  const names = (await listExt4Dir(disk, OFFSET, '/etc')).map((e) => e.name).sort();
  t.deepEqual(names, ['big', 'hostname']);
});

test('writeExt4Files writes new files (names with spaces too) and host files in one run', async (t) => {
  const disk = await makeDisk('batch');
  const host = path.join(path.dirname(disk), 'host file');
  await writeFile(host, 'from host\n');
  await makeExt4Dir(disk, OFFSET, '/etc/systemd/system');
  await writeExt4Files(disk, OFFSET, [
    { path: '/etc/systemd/system/probe unit.service', content: Buffer.from('[Unit]\n'), mode: 0o644 },
    { path: '/etc/copied', content: { hostFile: host }, mode: 0o755 },
  ]);
  t.is((await readExt4File(disk, OFFSET, '/etc/systemd/system/probe unit.service')).toString(), '[Unit]\n');
  t.is((await readExt4File(disk, OFFSET, '/etc/copied')).toString(), 'from host\n');
  t.like(await findExt4Entry(disk, OFFSET, '/etc/copied'), { mode: 0o755, type: 'file' });
  t.like(await findExt4Entry(disk, OFFSET, '/etc/systemd'), { type: 'dir', mode: 0o755 });
});

test('makeExt4Symlink links (replacing a file), removeExt4Path removes files, links and empty folders', async (t) => {
  const disk = await makeDisk('link');
  await makeExt4Symlink(disk, OFFSET, '/etc/localtime', '/usr/share/zoneinfo/UTC');
  await makeExt4Symlink(disk, OFFSET, '/etc/hostname', 'big');
  t.like(await findExt4Entry(disk, OFFSET, '/etc/localtime'), { type: 'symlink', size: '/usr/share/zoneinfo/UTC'.length });
  t.like(await findExt4Entry(disk, OFFSET, '/etc/hostname'), { type: 'symlink' });
  await removeExt4Path(disk, OFFSET, '/etc/localtime');
  await removeExt4Path(disk, OFFSET, '/etc/big');
  await makeExt4Dir(disk, OFFSET, '/var/empty');
  await removeExt4Path(disk, OFFSET, '/var/empty');
  t.deepEqual((await listExt4Dir(disk, OFFSET, '/etc')).map((e) => e.name), ['hostname']);
  t.deepEqual(await listExt4Dir(disk, OFFSET, '/var'), []);
  await t.throwsAsync(removeExt4Path(disk, OFFSET, '/etc/big'), { instanceOf: UsageError, message: /no such file/ });
});

test('makeExt4Dir and writes go through a symlinked folder (merged /usr: /lib -> usr/lib)', async (t) => {
  const disk = await makeDisk('merged-usr');
  await makeExt4Dir(disk, OFFSET, '/usr/lib');
  await makeExt4Symlink(disk, OFFSET, '/lib', 'usr/lib');
  await makeExt4Dir(disk, OFFSET, '/lib/systemd/system');
  await writeExt4File(disk, OFFSET, '/lib/systemd/system/probe.service', Buffer.from('[Unit]\n'));
  t.is((await readExt4File(disk, OFFSET, '/usr/lib/systemd/system/probe.service')).toString(), '[Unit]\n');
  t.like(await findExt4Entry(disk, OFFSET, '/lib'), { type: 'symlink' });
});

test('readExt4File stops at maxBytes, and a missing file is an error naming the command', async (t) => {
  const disk = await makeDisk('bounded');
  t.is((await readExt4File(disk, OFFSET, '/etc/big', { maxBytes: 300_000 })).length, 300_000);
  await t.throwsAsync(readExt4File(disk, OFFSET, '/etc/big', { maxBytes: 1000 }), { instanceOf: InfrastructureError, message: /larger than 1000 bytes/ });
  await t.throwsAsync(readExt4File(disk, OFFSET, '/etc/nope'), { instanceOf: InfrastructureError, message: /debugfs 'cat "\/etc\/nope"'.*File not found/ });
});

test('a failing debugfs command is an error even though debugfs exits 0', async (t) => {
  const disk = await makeDisk('fails');
  await t.throwsAsync(writeExt4File(disk, OFFSET, '/no/such/dir/file', Buffer.from('x')), { instanceOf: InfrastructureError, message: /write .*File not found/ });
  await t.throwsAsync(runDebugfs(disk, OFFSET, ['mkdir /etc'], { write: true }), { instanceOf: InfrastructureError, message: /already exists/ });
  await t.throwsAsync(makeExt4Dir(disk, OFFSET, '/etc/hostname'), { instanceOf: InfrastructureError, message: /something that is not a folder is in the way/ });
});

test('untrusted paths: relative paths and paths with newlines or quotes are refused', async (t) => {
  const disk = await makeDisk('paths');
  await t.throwsAsync(readExt4File(disk, OFFSET, 'etc/hostname'), { instanceOf: UsageError, message: /expected an absolute path/ });
  await t.throwsAsync(readExt4File(disk, OFFSET, '/etc/x\nrm /etc/hostname'), { instanceOf: UsageError, message: /no newline/ });
  await t.throwsAsync(writeExt4File(disk, OFFSET, '/etc/"q', Buffer.from('x')), { instanceOf: UsageError });
  await t.throwsAsync(makeExt4Symlink(disk, OFFSET, '/etc/l', 'a\nb'), { instanceOf: UsageError });
  t.is((await readExt4File(disk, OFFSET, '/etc/hostname')).toString(), 'master\n');
});

test('making a folder that is there changes nothing: the filesystem stays clean (debugfs would leave an unconnected inode)', async (t) => {
  const disk = await makeDisk('mkdir-twice');
  await makeExt4Dir(disk, OFFSET, '/etc/systemd/system');
  await makeExt4Dir(disk, OFFSET, '/etc/systemd/system');
  await makeExt4Dir(disk, OFFSET, '/etc/systemd/system/multi-user.target.wants');
  await t.notThrowsAsync(checkExt4(disk, OFFSET));
});
