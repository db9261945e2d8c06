import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listExt4Dir, readExt4File } from '../../disks/ext4-files.js';
import { UsageError } from '../../errors/errors.js';
import type { LinuxRoot } from './find-linux-root.js';

/** The kernel command line file the lab writes (kernel-install's convention); the direct path reads it from the clone. */
export const CMDLINE_FILE = '/etc/kernel/cmdline';

// A kernel or initrd larger than this is not read (an untrusted image names its own files).
const MAX_BOOT_FILE_BYTES = 256 * 1024 * 1024;
const MAX_CMDLINE_BYTES = 4096;

/** What the direct path starts: the clone's own kernel, initrd and command line. */
export interface LinuxBootFiles {
  kernel: string;
  initrd?: string;
  /** The image's own command line (its /etc/kernel/cmdline, else its grub.cfg, else root by UUID). */
  cmdline: string;
  release: string;
}

/**
 * Plays the boot loader for a Linux disk: reads the newest `/boot/vmlinuz-*` and its initrd from
 * the clone's own root filesystem and the command line the image keeps, into a content-addressed
 * store (`sha256-<hex>`, linked into `workDir`): clones with the same kernel store it once.
 */
export async function readLinuxBootFiles(disk: string, root: LinuxRoot, workDir: string, store: string, signal?: AbortSignal): Promise<LinuxBootFiles> {
  const names = (await listExt4Dir(disk, root.startBytes, '/boot', signal)).map((entry) => entry.name);
  const releases = names.flatMap((name) => /^vmlinuz-([0-9A-Za-z.+_-]{1,64})$/.exec(name)?.[1] ?? []).sort(compareReleases);
  const release = releases.at(-1);
  if (!release) throw new UsageError(`${disk}: no kernel in /boot of its root filesystem (partition ${root.number}): expected /boot/vmlinuz-<release>, found ${names.slice(0, 20).join(', ') || 'nothing'}`);
  const read = (file: string, maxBytes: number) => readExt4File(disk, root.startBytes, file, { maxBytes, ...(signal ? { signal } : {}) });
  const kernel = await storeFile(await read(`/boot/vmlinuz-${release}`, MAX_BOOT_FILE_BYTES), store, path.join(workDir, 'vmlinuz'));
  const initrd = names.includes(`initrd.img-${release}`) ? await storeFile(await read(`/boot/initrd.img-${release}`, MAX_BOOT_FILE_BYTES), store, path.join(workDir, 'initrd.img')) : undefined;
  const cmdline = await read(CMDLINE_FILE, MAX_CMDLINE_BYTES).then((data) => data.toString('utf8'), async () => readGrubCmdline(await read('/boot/grub/grub.cfg', 1024 * 1024).catch(() => Buffer.alloc(0)), release));
  // An empty command line (a blank file, a bare `linux` line) would boot without `root=`.
  return { kernel, ...(initrd ? { initrd } : {}), cmdline: cleanCmdline(cmdline ?? '') || `root=UUID=${root.uuid} ro`, release };
}

/** Orders kernel releases as dpkg would for the usual `6.1.0-57-amd64` shapes (numeric parts compared as numbers). */
function compareReleases(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The arguments of the first `linux` line of a grub.cfg that boots this release (without the kernel path). */
function readGrubCmdline(config: Buffer, release: string): string | undefined {
  const lines = config.toString('utf8').split('\n').map((line) => line.trim());
  const line = lines.find((entry) => entry.startsWith('linux') && entry.includes(`vmlinuz-${release}`)) ?? lines.find((entry) => /^linux(16|efi)?\s/.test(entry));
  return line?.split(/\s+/).slice(2).join(' ');
}

/** One line of printable words: an image cannot smuggle a newline or control bytes into QEMU's -append. */
function cleanCmdline(text: string): string {
  return text.replace(/[^\x20-\x7e]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_CMDLINE_BYTES);
}

async function storeFile(data: Buffer, store: string, to: string): Promise<string> {
  const sha256 = createHash('sha256').update(data).digest('hex');
  const stored = path.join(store, `sha256-${sha256}`);
  await mkdir(store, { recursive: true });
  if (!existsSync(stored)) {
    const temporary = `${stored}.${process.pid}-${Math.random().toString(36).slice(2)}`;
    await writeFile(temporary, data, { mode: 0o444 });
    await link(temporary, stored).catch(() => undefined); // another boot stored it first: same bytes
    await rm(temporary, { force: true });
  }
  await mkdir(path.dirname(to), { recursive: true });
  await rm(to, { force: true });
  await link(stored, to);
  return to;
}
