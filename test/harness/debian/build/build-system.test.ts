import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { buildDebianSystem } from '../../../../harness/debian/build/build-system.js';
import { buildMmdebstrapArgs, computeDebianKey } from '../../../../harness/debian/build/recipe.js';
import { InfrastructureError } from '../../../../harness/errors/errors.js';
import { makeScratch } from '../../disks/fixtures.js';
import { installFakeMmdebstrap } from './fake-mmdebstrap.js';

const scratch = makeScratch();
const cacheDir = path.join(scratch, 'cache');
const calls = path.join(scratch, 'calls.log');
test.before(async () => {
  await installFakeMmdebstrap(scratch, cacheDir);
});

async function countCalls(): Promise<number> {
  return existsSync(calls) ? (await readFile(calls, 'utf8')).split('\n').filter(Boolean).length : 0;
}

test.serial('builds once, then reuses the cache entry; a new mmdebstrap version rebuilds', async (t) => {
  const logged: string[] = [];
  const first = await buildDebianSystem({ cacheDir, log: (line) => logged.push(line) });
  t.true(first.builtNow);
  t.is(first.kernelRelease, '6.1.0-99-amd64');
  t.is(first.dir, path.join(cacheDir, 'debian', first.key));
  t.is(await readFile(path.join(first.tree, 'boot', 'initrd.img-6.1.0-99-amd64'), 'utf8'), 'initrd\n');
  t.is((await stat(path.join(first.tree, 'usr', 'bin', 'su'))).mode & 0o7777, 0o4755);
  t.true((await stat(first.tar)).size > 0);
  const entry = JSON.parse(await readFile(path.join(first.dir, 'entry.json'), 'utf8')) as { inputs: { kernelDeb: string; mmdebstrapVersion: string }; kernelRelease: string };
  t.like(entry, { kernelRelease: '6.1.0-99-amd64', inputs: { kernelDeb: 'linux-image-6.1.0-99-amd64_6.1.999-1_amd64.deb', mmdebstrapVersion: '1.3.5' } });
  t.true(logged.some((line) => line.includes('mmdebstrap: I: creating tarball')));
  t.true(first.packages.at(-1)?.endsWith('.deb'));
  t.is(await countCalls(), 1);

  const second = await buildDebianSystem({ cacheDir });
  t.false(second.builtNow);
  t.like(second, { key: first.key, tar: first.tar, tree: first.tree, kernelRelease: first.kernelRelease });
  t.is(await countCalls(), 1);

  process.env.FAKE_MMDEBSTRAP_VERSION = '1.4.0';
  try {
    const third = await buildDebianSystem({ cacheDir });
    t.true(third.builtNow);
    t.not(third.key, first.key);
    t.is(await countCalls(), 2);
  } finally {
    delete process.env.FAKE_MMDEBSTRAP_VERSION;
  }
});

test.serial('a failed build names mmdebstrap\'s last lines and leaves no cache entry behind', async (t) => {
  const failCache = path.join(scratch, 'fail-cache');
  await installFakeMmdebstrap(path.join(scratch, 'fail'), failCache, '6.1.0-98-amd64');
  process.env.FAKE_MMDEBSTRAP_CALLS = calls;
  process.env.FAKE_MMDEBSTRAP_FAIL = '1';
  try {
    await t.throwsAsync(buildDebianSystem({ cacheDir: failCache }), { instanceOf: InfrastructureError, message: /mmdebstrap failed \(exit 1\): .*E: apt-get download failed/ });
  } finally {
    delete process.env.FAKE_MMDEBSTRAP_FAIL;
  }
  t.deepEqual(existsSync(path.join(failCache, 'debian')) ? await readdir(path.join(failCache, 'debian')) : [], []);
});

test.serial('a canceled build stops mmdebstrap and leaves no cache entry behind', async (t) => {
  const cancelCache = path.join(scratch, 'cancel-cache');
  await installFakeMmdebstrap(path.join(scratch, 'cancel'), cancelCache, '6.1.0-97-amd64');
  process.env.FAKE_MMDEBSTRAP_CALLS = calls;
  process.env.FAKE_MMDEBSTRAP_SLEEP = '60';
  const controller = new AbortController();
  try {
    const building = buildDebianSystem({ cacheDir: cancelCache, signal: controller.signal, log: (line) => { if (line.includes('downloading')) controller.abort(); } });
    await t.throwsAsync(building, { instanceOf: InfrastructureError, message: /mmdebstrap was canceled/ });
  } finally {
    delete process.env.FAKE_MMDEBSTRAP_SLEEP;
  }
  t.deepEqual(await readdir(path.join(cancelCache, 'debian')), []);
});

test.serial('two builds of the same key at once run mmdebstrap once: the second waits for the lock, then reuses the entry', async (t) => {
  const lockCache = path.join(scratch, 'lock-cache');
  await installFakeMmdebstrap(path.join(scratch, 'lock'), lockCache, '6.1.0-96-amd64');
  const lockCalls = path.join(scratch, 'lock-calls.log');
  process.env.FAKE_MMDEBSTRAP_CALLS = lockCalls;
  const logged: string[] = [];
  const results = await Promise.all([buildDebianSystem({ cacheDir: lockCache, log: (line) => logged.push(line) }), buildDebianSystem({ cacheDir: lockCache, log: (line) => logged.push(line) })]);
  process.env.FAKE_MMDEBSTRAP_CALLS = calls;
  t.deepEqual(results.map((result) => result.builtNow).sort(), [false, true]);
  t.is((await readFile(lockCalls, 'utf8')).split('\n').filter(Boolean).length, 1);
  t.true(logged.some((line) => line.startsWith('Waiting for another process')));
  t.deepEqual((await readdir(path.join(lockCache, 'debian'))).sort(), [results[0].key]);
});

test('the cache key changes with each input and ignores package order and the .deb folder', (t) => {
  const base = { suite: 'bookworm', packages: ['udev', 'kmod'], kernelDeb: '/a/linux-image-6.1.0-57-amd64_6.1.192-3_amd64.deb', mmdebstrapVersion: '1.3.5', recipeVersion: 1 };
  const key = computeDebianKey(base);
  t.regex(key, /^[0-9a-f]{16}$/);
  t.is(computeDebianKey({ ...base, packages: ['kmod', 'udev'], kernelDeb: '/b/linux-image-6.1.0-57-amd64_6.1.192-3_amd64.deb' }), key);
  for (const change of [{ suite: 'trixie' }, { packages: ['udev'] }, { kernelDeb: 'linux-image-6.1.0-58-amd64_6.1.200-1_amd64.deb' }, { mmdebstrapVersion: '1.3.6' }, { recipeVersion: 2 }]) {
    t.not(computeDebianKey({ ...base, ...change }), key, JSON.stringify(change));
  }
});

test('the mmdebstrap call: unshare, minbase, the kernel .deb by path, eatmydata, docs left out, output last', (t) => {
  const args = buildMmdebstrapArgs({ suite: 'bookworm', packages: ['udev', 'kmod'], kernelDebPath: '/c/k.deb', out: '/o/root.tar' });
  t.deepEqual(args.slice(0, 3), ['--mode=unshare', '--variant=minbase', '--include=kmod,udev,/c/k.deb']);
  t.true(args.includes('--hook-dir=/usr/share/mmdebstrap/hooks/eatmydata'));
  t.true(args.includes('--dpkgopt=path-exclude=/usr/share/doc/*'));
  t.deepEqual(args.slice(-2), ['bookworm', '/o/root.tar']);
});
