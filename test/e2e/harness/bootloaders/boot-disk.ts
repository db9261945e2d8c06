// Builds the small MBR disk the boot-path tests boot: ESP (FAT16, 32 MiB) at 1 MiB, ext4 root
// after it holding /boot/vmlinuz-REL, a busybox initramfs and /boot/grub/grub.cfg.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { installGrubBios, installGrubEfi, renderGrubConfig } from '../../../../harness/bootloaders/index.js';
import { writeNewc } from '../../../../harness/guest/cpio-newc.js';
import { ensureKernelTree } from '../../../../harness/host/kernel-package.js';

/** What the /init of the test initramfs prints on ttyS0 before it powers off. */
export const BOOT_MARKER = 'clonelab-bootpath-ok';
export const ROOT_UUID = '3f1c2b7a-5d4e-4f60-9a8b-7c6d5e4f3a2b';
const MIB = 1024 * 1024;
export const ESP_OFFSET = MIB;
const ESP_SECTORS = (32 * MIB) / 512;
const DISK_BYTES = 96 * MIB;

/** The kernel and initrd a boot path ends in, and the disk holding them. */
export interface BootDisk {
  disk: string;
  kernel: string;
  initrd: string;
  release: string;
  /** Bytes of core.img and BOOTX64.EFI as installed. */
  coreBytes: number;
  efiBytes: number;
}

/** Writes the test initramfs: busybox, and an /init that prints the marker on COM1 and powers off. */
async function writeMarkerInitramfs(file: string): Promise<void> {
  const busybox = await readFile('/usr/bin/busybox');
  const init = `#!/bin/sh\necho ${BOOT_MARKER} > /dev/ttyS0\n/bin/busybox poweroff -f\n`;
  await writeFile(file, writeNewc([
    { kind: 'dir', name: 'bin' }, { kind: 'dir', name: 'dev' },
    { kind: 'char', name: 'dev/console', major: 5, minor: 1 }, { kind: 'char', name: 'dev/ttyS0', major: 4, minor: 64 },
    { kind: 'file', name: 'bin/busybox', data: busybox, mode: 0o755 }, { kind: 'symlink', name: 'bin/sh', target: 'busybox' },
    { kind: 'file', name: 'init', data: Buffer.from(init), mode: 0o755 },
  ]));
}

/** Builds the disk in `dir` with both boot loaders installed; `grubKernel` makes grub.cfg name another kernel file. */
export async function buildBootDisk(dir: string, options: { grubKernel?: string } = {}): Promise<BootDisk> {
  const { release, modulesDir } = await ensureKernelTree();
  // ensureKernelTree unpacks the whole package: its bzImage sits beside lib/modules.
  const vmlinuz = path.join(modulesDir, '..', '..', '..', 'boot', `vmlinuz-${release}`);
  if (!existsSync(vmlinuz)) throw new Error(`no bzImage at ${vmlinuz}`);
  const root = path.join(dir, 'root');
  await mkdir(path.join(root, 'boot', 'grub'), { recursive: true });
  const kernel = path.join(root, 'boot', `vmlinuz-${release}`);
  const initrd = path.join(root, 'boot', `initrd.img-${release}`);
  await copyFile(vmlinuz, kernel);
  await writeMarkerInitramfs(initrd);
  await writeFile(path.join(root, 'boot', 'grub', 'grub.cfg'), renderGrubConfig({
    kernel: options.grubKernel ?? `/boot/vmlinuz-${release}`, initrd: `/boot/initrd.img-${release}`, rootUuid: ROOT_UUID, append: ['panic=-1'], timeoutSeconds: 0,
  }));
  const disk = path.join(dir, 'disk.img');
  await writeFile(disk, '');
  await truncate(disk, DISK_BYTES);
  const rootStart = ESP_OFFSET / 512 + ESP_SECTORS;
  await execa('sfdisk', ['--quiet', disk], { input: `label: dos\nstart=${ESP_OFFSET / 512}, size=${ESP_SECTORS}, type=ef\nstart=${rootStart}, type=83\n` });
  // FAT16: 32 MiB holds too few clusters for FAT32 (mtools then reads it as FAT16 and finds no root folder).
  await execa('mkfs.fat', ['-F', '16', '--offset', String(ESP_OFFSET / 512), disk, String(ESP_SECTORS / 2)]);
  await execa('mke2fs', ['-q', '-F', '-t', 'ext4', '-U', ROOT_UUID, '-E', `offset=${rootStart * 512}`, '-d', root, disk, `${(DISK_BYTES - rootStart * 512) / 1024}k`]);
  const { coreBytes } = await installGrubBios({ disk, rootPartition: 2 });
  const efiBytes = await installGrubEfi({ disk, espOffsetBytes: ESP_OFFSET, rootPartition: 2 });
  return { disk, kernel, initrd, release, coreBytes, efiBytes };
}
