import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { lockOutDir } from '../../../harness/run/out-dir-lock.js';

test('a second run on the same output folder is refused while the first holds it', async (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-out-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  const unlock = await lockOutDir(folder);
  await t.throwsAsync(lockOutDir(folder), { message: new RegExp(`Another clonelab run \\(pid ${process.pid}\\) is writing to`) });
  await unlock();
  const again = await lockOutDir(folder);
  await again();
  t.false(existsSync(path.join(folder, '.clonelab.lock')));
});

test('a stale lock of a dead process is taken over', async (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-out-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  const lock = path.join(folder, '.clonelab.lock');
  writeFileSync(lock, '999999999\n');
  const unlock = await lockOutDir(folder);
  t.is(readFileSync(lock, 'utf8'), `${process.pid}\n`, 'the lock now names this process');
  await t.throwsAsync(lockOutDir(folder), { message: /Another clonelab run/ }, 'and holds the folder against a second run');
  await unlock();
  t.false(existsSync(lock));
});

test('an output folder that cannot be created is a clear error', async (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-out-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  // A folder below a regular file cannot exist (ENOTDIR), whoever runs the test.
  const file = path.join(folder, 'a-file');
  writeFileSync(file, '');
  await t.throwsAsync(lockOutDir(path.join(file, 'out')), { message: /Cannot create the output folder .*a-file\/out: ENOTDIR/ });
});
