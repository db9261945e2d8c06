import { existsSync } from 'node:fs';
import { findExecutable } from './find-executable.js';

/** A host tool clonelab runs, and the Debian package that provides it. */
export interface HostTool {
  command: string;
  debianPackage: string;
  /** Arguments that make the tool print its version; none: the version of its Debian package (dpkg-query). */
  versionArgs: string[];
  /** What clonelab uses it for. */
  purpose: string;
  /** A data file the package installs that the lab reads (firmware, boot loader modules): without it the package is missing, whatever `command` finds. */
  file?: string;
}

/** Every host tool the lab and its test command need, from Debian's packages. */
export const hostTools: readonly HostTool[] = [
  { command: 'qemu-system-x86_64', debianPackage: 'qemu-system-x86', versionArgs: ['--version'], purpose: 'runs the virtual machines' },
  { command: 'qemu-img', debianPackage: 'qemu-utils', versionArgs: ['--version'], purpose: 'qcow2 overlays and image conversion' },
  { command: 'wimlib-imagex', debianPackage: 'wimtools', versionArgs: ['--version'], purpose: 'WIM capture, apply, info, split, verify' },
  { command: 'mkntfs', debianPackage: 'ntfs-3g', versionArgs: ['--version'], purpose: 'NTFS volumes' },
  { command: 'ntfslabel', debianPackage: 'ntfs-3g', versionArgs: ['--version'], purpose: 'NTFS volume serials' },
  { command: 'ntfs-3g', debianPackage: 'ntfs-3g', versionArgs: ['--version'], purpose: 'NTFS driver packed into the guest loader' },
  { command: 'mkfs.fat', debianPackage: 'dosfstools', versionArgs: ['--help'], purpose: 'FAT16/FAT32 volumes' },
  { command: 'mcopy', debianPackage: 'mtools', versionArgs: ['--version'], purpose: 'FAT file access without mounting' },
  { command: 'busybox', debianPackage: 'busybox-static', versionArgs: ['--help'], purpose: 'the guest userland' },
  { command: 'sfdisk', debianPackage: 'fdisk', versionArgs: ['--version'], purpose: 'partition tables' },
  { command: 'cpio', debianPackage: 'cpio', versionArgs: ['--version'], purpose: 'guest loader archives' },
  { command: 'xz', debianPackage: 'xz-utils', versionArgs: ['--version'], purpose: 'uncompressing the kernel for PVH boot' },
  { command: 'hivexml', debianPackage: 'libhivex-bin', versionArgs: [], purpose: 'reads Windows registry hives offline (clonelab inspect)' },
  { command: 'mmdebstrap', debianPackage: 'mmdebstrap', versionArgs: ['--version'], purpose: 'builds the Debian guest from Debian\'s packages' },
  { command: 'mke2fs', debianPackage: 'e2fsprogs', versionArgs: ['-V'], purpose: 'ext4 volumes written without mounting (mke2fs -d)' },
  { command: 'debugfs', debianPackage: 'e2fsprogs', versionArgs: ['-V'], purpose: 'ext4 files read and written without mounting' },
  { command: 'grub-mkimage', debianPackage: 'grub-pc-bin', versionArgs: ['--version'], purpose: 'BIOS boot loader written into images (no grub-install)', file: '/usr/lib/grub/i386-pc/boot.img' },
  { command: 'grub-mkimage', debianPackage: 'grub-efi-amd64-bin', versionArgs: ['--version'], purpose: 'UEFI boot loader (BOOTX64.EFI) for the EFI system partition', file: '/usr/lib/grub/x86_64-efi/linux.mod' },
  { command: 'qemu-system-x86_64', debianPackage: 'ovmf', versionArgs: [], purpose: 'UEFI firmware for the uefi boot path', file: '/usr/share/OVMF/OVMF_CODE_4M.fd' },
  { command: 'shellcheck', debianPackage: 'shellcheck', versionArgs: ['--version'], purpose: 'checks the guest shell scripts (npm run lint)' },
];

/** How doctor names a host tool: its command, or for a data file its package and the file. */
export function nameHostTool(tool: HostTool): string {
  return tool.file ? `${tool.debianPackage} (${tool.file})` : tool.command;
}

/** Where a host tool is: its data file when it names one, else its command on PATH; undefined when missing. */
export function findHostTool(tool: HostTool, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (tool.file) return existsSync(tool.file) ? tool.file : undefined;
  return findExecutable(tool.command, env);
}
