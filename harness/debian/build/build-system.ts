import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { InfrastructureError } from '../../errors/errors.js';
import { makeDirAtomic } from '../../host/atomic.js';
import { ensureKernelPackage } from '../../host/kernel-package.js';
import { buildMmdebstrapArgs, computeDebianKey, DEBIAN_PACKAGES, DEBIAN_SUITE, type DebianKeyInputs, readKernelRelease, RECIPE_VERSION } from './recipe.js';
import { withBuildLock } from './build-lock.js';
import { extractRootTar, runMmdebstrap } from './run-mmdebstrap.js';

/** The cached Debian system. */
export interface DebianSystem {
  /** The cache key (16 hex digits): what went in. */
  key: string;
  /** The cache entry folder. */
  dir: string;
  /** The root filesystem as mmdebstrap wrote it. */
  tar: string;
  /** The same tree unpacked (root-owned, modes kept): `mke2fs -d` reads it, nobody writes it. */
  tree: string;
  kernelRelease: string;
  /** The packages asked for on top of minbase (the kernel .deb last). */
  packages: string[];
  /** False when the cache held it. */
  builtNow: boolean;
  /** Seconds this call took. */
  seconds: number;
}

/** What entry.json of a cache entry holds. */
interface EntryRecord {
  key: string;
  inputs: DebianKeyInputs;
  kernelRelease: string;
  buildSeconds: number;
  tarBytes: number;
  builtAt: string;
}

/**
 * Builds the Debian system with mmdebstrap once per key and caches it in
 * `${cacheDir}/debian/<key>/` (root.tar, root/, entry.json); later calls return the cached entry.
 * The entry is filled in a temporary folder and renamed, so a crash never leaves half an entry.
 * @example const system = await buildDebianSystem({ cacheDir: cacheDir(), signal, log: console.log });
 */
export async function buildDebianSystem(options: { cacheDir: string; signal?: AbortSignal; log?: (line: string) => void }): Promise<DebianSystem> {
  const started = Date.now();
  const kernel = await ensureKernelPackage(options.cacheDir);
  const inputs: DebianKeyInputs = {
    suite: DEBIAN_SUITE, packages: [...DEBIAN_PACKAGES].sort(), kernelDeb: path.basename(kernel.debPath),
    mmdebstrapVersion: await readMmdebstrapVersion(options.signal), recipeVersion: RECIPE_VERSION,
  };
  const key = computeDebianKey(inputs);
  const dir = path.join(options.cacheDir, 'debian', key);
  const packages = [...inputs.packages, kernel.debPath];
  const entry = (builtNow: boolean, kernelRelease: string): DebianSystem => ({
    key, dir, tar: path.join(dir, 'root.tar'), tree: path.join(dir, 'root'), kernelRelease, packages, builtNow, seconds: Math.round((Date.now() - started) / 100) / 10,
  });
  const cached = async (): Promise<DebianSystem | undefined> => {
    if (!existsSync(path.join(dir, 'entry.json'))) return undefined;
    return entry(false, (JSON.parse(await readFile(path.join(dir, 'entry.json'), 'utf8')) as EntryRecord).kernelRelease);
  };
  // Another process may have built it while this one waited for the lock.
  return (await cached()) ?? withBuildLock(`${dir}.lock`, async () => (await cached()) ?? entry(true, await fillEntry(dir, key, inputs, kernel.debPath, options)), options);
}

/** Runs mmdebstrap into a temporary entry folder, unpacks the tree, writes entry.json, renames it into place; returns the kernel release. */
async function fillEntry(dir: string, key: string, inputs: DebianKeyInputs, kernelDebPath: string, options: { signal?: AbortSignal; log?: (line: string) => void }): Promise<string> {
  const started = Date.now();
  let kernelRelease = '';
  await makeDirAtomic(dir, async (temporary) => {
    const tar = path.join(temporary, 'root.tar');
    options.log?.(`Building Debian ${inputs.suite} with mmdebstrap ${inputs.mmdebstrapVersion} (key ${key}); this takes minutes`);
    await runMmdebstrap(buildMmdebstrapArgs({ suite: inputs.suite, packages: inputs.packages, kernelDebPath, out: tar }), options);
    const tree = path.join(temporary, 'root');
    await extractRootTar(tar, tree, options.signal);
    kernelRelease = await findKernelRelease(tree, readKernelRelease(kernelDebPath));
    const buildSeconds = Math.round((Date.now() - started) / 100) / 10;
    const record: EntryRecord = { key, inputs, kernelRelease, buildSeconds, tarBytes: (await stat(tar)).size, builtAt: new Date().toISOString() };
    await writeFile(path.join(temporary, 'entry.json'), `${JSON.stringify(record, null, 2)}\n`);
    options.log?.(`Built Debian ${inputs.suite} (kernel ${kernelRelease}) in ${buildSeconds} s`);
  });
  return kernelRelease;
}

/** The mmdebstrap version (`mmdebstrap 1.3.5` → `1.3.5`). */
export async function readMmdebstrapVersion(signal?: AbortSignal): Promise<string> {
  const result = await execa('mmdebstrap', ['--version'], { reject: false, ...(signal ? { cancelSignal: signal } : {}) });
  const version = /^mmdebstrap\s+(\S+)/m.exec(String(result.stdout))?.[1];
  if (result.exitCode !== 0 || !version) {
    throw new InfrastructureError(`mmdebstrap --version failed (exit ${result.exitCode ?? 'none'}): ${String(result.stderr || result.stdout).slice(0, 300)}`, {
      step: 'debian-build', hint: 'Install the Debian package mmdebstrap (npm run bootstrap does it).', cause: result,
    });
  }
  return version;
}

/** The release whose kernel and initrd are both in /boot; the one of the kernel .deb when given. */
async function findKernelRelease(tree: string, expected: string | undefined): Promise<string> {
  const names = await readdir(path.join(tree, 'boot')).catch(() => [] as string[]);
  const releases = names.filter((name) => name.startsWith('vmlinuz-')).map((name) => name.slice('vmlinuz-'.length))
    .filter((release) => names.includes(`initrd.img-${release}`));
  const release = expected && releases.includes(expected) ? expected : expected ? undefined : releases[0];
  if (!release) {
    throw new InfrastructureError(`The Debian system has no kernel and initrd ${expected ? `for ${expected} ` : ''}in /boot: found ${JSON.stringify(names.slice(0, 20))}`, { step: 'debian-build' });
  }
  return release;
}
