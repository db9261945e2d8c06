import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { InfrastructureError } from '../errors/errors.js';
import { makeDirAtomic } from './atomic.js';
import { cacheDir } from './cache-dir.js';

/** The kernel package in the cache. */
export interface KernelPackage {
  /** The versioned package behind the `linux-image-amd64` metapackage, e.g. `linux-image-6.1.0-56-amd64`. */
  packageName: string;
  /** Path of the downloaded `.deb`. */
  debPath: string;
}

/** The unpacked kernel: the uncompressed PVH-bootable ELF and the modules tree. */
export interface KernelTree {
  /** Kernel release, e.g. `6.1.0-56-amd64`. */
  release: string;
  /** Uncompressed kernel (`vmlinux`), bootable through its PVH entry. */
  vmlinux: string;
  /** `lib/modules/<release>` inside the unpacked package. */
  modulesDir: string;
}

const KERNEL_DEB = /^linux-image-(\d[^_]*-amd64)(?:-unsigned)?_[^_]+_amd64\.deb$/;

/** Finds the cached kernel `.deb`, or downloads it with `apt-get download`. */
export async function ensureKernelPackage(cache = cacheDir()): Promise<KernelPackage> {
  const folder = path.join(cache, 'kernel');
  const cached = await findCachedDeb(folder);
  if (cached) return cached;
  const packageName = await resolveKernelPackageName();
  const downloads = path.join(folder, `download-${process.pid}`);
  await rm(downloads, { recursive: true, force: true });
  await mkdir(downloads, { recursive: true });
  try {
    await execa('apt-get', ['download', packageName], { cwd: downloads, all: true }).catch((error: unknown) => {
      throw new InfrastructureError(`apt-get download ${packageName} failed: ${tail(error)}`, {
        step: 'bootstrap', hint: 'Run `apt-get update` as root, then try again.', cause: error,
      });
    });
    const [deb] = (await readdir(downloads)).filter((name) => name.endsWith('.deb'));
    if (!deb) throw new InfrastructureError(`apt-get download ${packageName} produced no .deb`, { step: 'bootstrap' });
    await rename(path.join(downloads, deb), path.join(folder, deb));
    return { packageName, debPath: path.join(folder, deb) };
  } finally {
    await rm(downloads, { recursive: true, force: true });
  }
}

/** Asks apt which versioned kernel package `linux-image-amd64` depends on. */
export async function resolveKernelPackageName(): Promise<string> {
  const result = await execa('apt-cache', ['depends', '--important', 'linux-image-amd64'], { reject: false });
  const match = /Depends:\s+(linux-image-\S+-amd64)\b/.exec(result.stdout);
  if (!match?.[1]) {
    throw new InfrastructureError('apt does not know the package linux-image-amd64', {
      step: 'bootstrap', hint: 'Run `apt-get update` as root (the package lists are empty or stale).',
    });
  }
  return match[1];
}

/** Unpacks the kernel package once into the cache and makes the uncompressed `vmlinux`. */
export async function ensureKernelTree(cache = cacheDir()): Promise<KernelTree> {
  const kernelPackage = await ensureKernelPackage(cache);
  const release = KERNEL_DEB.exec(path.basename(kernelPackage.debPath))?.[1];
  if (!release) throw new InfrastructureError(`Unexpected kernel package name ${kernelPackage.debPath}`, { step: 'bootstrap' });
  const root = path.join(cache, 'kernel', release);
  if (!existsSync(path.join(root, 'vmlinux'))) {
    await makeDirAtomic(root, async (folder) => {
      await execa('dpkg-deb', ['-x', kernelPackage.debPath, path.join(folder, 'pkg')]);
      await decompressKernel(path.join(folder, 'pkg', 'boot', `vmlinuz-${release}`), path.join(folder, 'vmlinux'));
    });
  }
  return { release, vmlinux: path.join(root, 'vmlinux'), modulesDir: path.join(root, 'pkg', 'lib', 'modules', release) };
}

/** Extracts the XZ-compressed ELF from a bzImage (PVH boot skips 2.8 s of decompression under TCG). */
export async function decompressKernel(vmlinuz: string, vmlinux: string): Promise<void> {
  const image = await readFile(vmlinuz);
  const offset = image.indexOf(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]));
  if (offset < 0) throw new InfrastructureError(`${vmlinuz} holds no XZ stream; cannot make an uncompressed kernel`, { step: 'bootstrap' });
  // xz -dc stops with "trailing garbage" after the stream; the ELF is complete by then.
  await execa('xz', ['-dc', '--single-stream'], { input: image.subarray(offset), stdout: { file: vmlinux }, encoding: 'buffer' });
}

async function findCachedDeb(folder: string): Promise<KernelPackage | undefined> {
  if (!existsSync(folder)) return undefined;
  const debs = (await readdir(folder)).filter((name) => KERNEL_DEB.test(name)).sort();
  const deb = debs.at(-1);
  if (!deb) return undefined;
  return { packageName: deb.split('_')[0] ?? deb, debPath: path.join(folder, deb) };
}

function tail(error: unknown): string {
  const text = (error as { all?: string; message?: string }).all ?? (error as Error).message ?? String(error);
  return text.trim().split('\n').slice(-3).join(' | ');
}
