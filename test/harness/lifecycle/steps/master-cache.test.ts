import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, readdirSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { entryName, pruneMasterCache, reuseOrBuildMaster } from '../../../../harness/lifecycle/steps/master-cache.js';
import type { MasterOutput } from '../../../../harness/lifecycle/types.js';

function folder(t: { teardown: (fn: () => void) => void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'clonelab-master-cache-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A build that writes a read-only "disk" with the given text and counts its calls. */
function fakeBuild(disk: string, text: string, calls: { count: number }) {
  return async (): Promise<MasterOutput> => {
    calls.count += 1;
    mkdirSync(path.dirname(disk), { recursive: true });
    writeFileSync(disk, text);
    chmodSync(disk, 0o444);
    return { disk, identity: { kind: 'machine-sid', value: 'S-1-5-21-1-2-3' }, partitionBytes: 4096 };
  };
}

test('a master built once is reused by a later run, as a read-only link in that run\'s folder', async (t) => {
  const dir = folder(t);
  const cacheDir = path.join(dir, 'cache');
  const calls = { count: 0 };
  const first = path.join(dir, 'run1', 'masters', 'm', 'master.img');
  const built = await reuseOrBuildMaster({ cacheDir, key: 'master:m', guestHash: 'g1', disk: first }, fakeBuild(first, 'installed', calls));
  t.is(calls.count, 1);
  t.is(built.reusedFrom, undefined);
  const second = path.join(dir, 'run2', 'masters', 'm', 'master.img');
  const reused = await reuseOrBuildMaster({ cacheDir, key: 'master:m', guestHash: 'g1', disk: second }, fakeBuild(second, 'other', calls));
  t.is(calls.count, 1, 'the second run did not build');
  t.deepEqual(reused, { disk: second, identity: { kind: 'machine-sid', value: 'S-1-5-21-1-2-3' }, partitionBytes: 4096, reusedFrom: path.join(cacheDir, entryName('master:m', 'g1')) });
  t.is(readFileSync(second, 'utf8'), 'installed');
  t.is(statSync(second).ino, statSync(first).ino, 'a hard link, not a copy');
  t.is(statSync(second).mode & 0o222, 0, 'read-only');
});

test('another guest build or another key builds a new master', async (t) => {
  const dir = folder(t);
  const cacheDir = path.join(dir, 'cache');
  const calls = { count: 0 };
  const disk = path.join(dir, 'run', 'master.img');
  await reuseOrBuildMaster({ cacheDir, key: 'master:m', guestHash: 'g1', disk }, fakeBuild(disk, 'a', calls));
  rmSync(disk, { force: true });
  await reuseOrBuildMaster({ cacheDir, key: 'master:m', guestHash: 'g2', disk }, fakeBuild(disk, 'b', calls));
  rmSync(disk, { force: true });
  await reuseOrBuildMaster({ cacheDir, key: 'generalized:m:false:S-1-5-21-1-2-3', guestHash: 'g2', disk }, fakeBuild(disk, 'c', calls));
  t.is(calls.count, 3);
  t.is(readdirSync(cacheDir).length, 3);
});

test('a failed build leaves no entry, and an incomplete entry is made again', async (t) => {
  const dir = folder(t);
  const cacheDir = path.join(dir, 'cache');
  const disk = path.join(dir, 'run', 'master.img');
  await t.throwsAsync(reuseOrBuildMaster({ cacheDir, key: 'k', guestHash: 'g', disk }, () => Promise.reject(new Error('install timed out'))), { message: 'install timed out' });
  t.deepEqual(existsSync(cacheDir) ? readdirSync(cacheDir) : [], []);
  const entry = path.join(cacheDir, entryName('k', 'g'));
  mkdirSync(entry, { recursive: true });
  writeFileSync(path.join(entry, 'disk.img'), 'half');
  const calls = { count: 0 };
  await reuseOrBuildMaster({ cacheDir, key: 'k', guestHash: 'g', disk }, fakeBuild(disk, 'whole', calls));
  t.is(calls.count, 1, 'an entry without its facts is not trusted');
  t.is(readFileSync(path.join(entry, 'disk.img'), 'utf8'), 'whole');
  t.truthy(JSON.parse(readFileSync(path.join(entry, 'entry.json'), 'utf8')).createdAt);
});

test('entry names are readable, safe and distinct per guest build', (t) => {
  const name = entryName('generalized:desktop-e1000-1a2b:false:S-1-5-21-1-2-3', 'abc');
  t.regex(name, /^generalized-desktop-e1000-1a2b-false-S-1-5-21-1-2-3-[0-9a-f]{12}$/);
  t.not(entryName('k', 'g1'), entryName('k', 'g2'));
  t.notRegex(entryName('../../etc/passwd', 'g'), /\//);
});

test('pruning keeps the entries of the current guest build only', async (t) => {
  const dir = folder(t);
  const cacheDir = path.join(dir, 'cache');
  const calls = { count: 0 };
  for (const guestHash of ['old', 'new']) {
    const disk = path.join(dir, guestHash, 'master.img');
    await reuseOrBuildMaster({ cacheDir, key: 'k', guestHash, disk }, fakeBuild(disk, guestHash, calls));
  }
  mkdirSync(path.join(cacheDir, 'stray'));
  t.deepEqual((await pruneMasterCache(cacheDir, 'new')).sort(), [entryName('k', 'old'), 'stray'].sort());
  t.deepEqual(readdirSync(cacheDir), [entryName('k', 'new')]);
  t.deepEqual(await pruneMasterCache(path.join(dir, 'missing'), 'new'), []);
});
