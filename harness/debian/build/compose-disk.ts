import { open, rm, truncate } from 'node:fs/promises';
import path from 'node:path';
import { createExt4 } from '../../disks/ext4-create.js';
import { makeExt4Dir, writeExt4Files, type Ext4FileWrite } from '../../disks/ext4-files.js';
import { makeTempSibling } from '../../disks/temp-path.js';
import { UsageError } from '../../errors/errors.js';
import { renameOrRemove } from '../../host/atomic.js';
import type { DebianSystem } from './build-system.js';
import { buildFstab, computeDebianLayout, formatEsp, writeDebianMbr } from './disk-layout.js';

/** A file written into the root filesystem of a composed disk. */
export interface DebianDiskFile {
  /** Absolute path inside the root filesystem; missing folders are made. */
  path: string;
  content: Buffer | string;
  /** Permission bits, default 0o644. */
  mode?: number;
}

/** What composes a Debian disk. */
export interface ComposeDebianDiskOptions {
  system: Pick<DebianSystem, 'tree' | 'kernelRelease'>;
  /** The raw disk image written (replaced atomically). */
  out: string;
  /** Default 1536 MiB. */
  sizeBytes?: number;
  /** Only 512 (sfdisk 2.38 cannot write another sector size to a file). */
  sectorSize?: number;
  rootUuid?: string;
  /** Label of the root filesystem (at most 16 bytes): what a generalized image names its root by. */
  rootLabel?: string;
  /** Default 64 MiB. */
  espBytes?: number;
  files?: readonly DebianDiskFile[];
  signal?: AbortSignal;
}

/** Facts about a composed Debian disk. */
export interface DebianDiskFacts {
  disk: string;
  esp: { startBytes: number; sizeBytes: number; serial: string };
  root: { startBytes: number; sizeBytes: number; uuid: string };
  /** Paths inside the root filesystem. */
  kernel: string;
  initrd: string;
  kernelRelease: string;
}

const MiB = 1024 * 1024;

/**
 * Composes a bootable-layout Debian disk with no mount: MBR (ESP FAT32 at 1 MiB, ext4 root after
 * it), the root written by `mke2fs -d` from the cached tree, then /etc/fstab (root by UUID, ESP
 * by serial) and `files` written with debugfs. No boot loader: harness/bootloaders adds one.
 * @example const facts = await composeDebianDisk({ system, out: 'master.img', signal });
 */
export async function composeDebianDisk(options: ComposeDebianDiskOptions): Promise<DebianDiskFacts> {
  const sectorSize = options.sectorSize ?? 512;
  if (sectorSize !== 512) throw new UsageError(`Invalid sector size for a Debian disk: expected 512, got ${sectorSize}.`);
  const layout = computeDebianLayout(options.sizeBytes ?? 1536 * MiB, options.espBytes ?? 64 * MiB);
  const release = options.system.kernelRelease;
  const temporary = makeTempSibling(options.out);
  try {
    await (await open(temporary, 'w')).close();
    await truncate(temporary, layout.root.startBytes + layout.root.sizeBytes);
    await writeDebianMbr(temporary, layout, options.signal);
    const espSerial = await formatEsp(temporary, layout, options.signal);
    const uuid = await createExt4({ disk: temporary, offsetBytes: layout.root.startBytes, sizeBytes: layout.root.sizeBytes, uuid: options.rootUuid, ...(options.rootLabel ? { label: options.rootLabel } : {}), fromDir: options.system.tree, signal: options.signal });
    const files: Ext4FileWrite[] = [
      { path: '/etc/fstab', content: Buffer.from(buildFstab(uuid, espSerial)), mode: 0o644 },
      ...(options.files ?? []).map((file) => ({ path: file.path, content: Buffer.from(file.content), mode: file.mode })),
    ];
    const dirs = new Set(['/boot/efi', ...files.map((file) => path.posix.dirname(file.path))]);
    for (const dir of dirs) if (dir !== '/') await makeExt4Dir(temporary, layout.root.startBytes, dir, options.signal);
    await writeExt4Files(temporary, layout.root.startBytes, files, options.signal);
    await renameOrRemove(temporary, options.out);
    return {
      disk: options.out, esp: { ...layout.esp, serial: espSerial }, root: { ...layout.root, uuid },
      kernel: `/boot/vmlinuz-${release}`, initrd: `/boot/initrd.img-${release}`, kernelRelease: release,
    };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
