import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runTool } from '../disks/run-tool.js';
import { invalidInput } from '../errors/errors.js';
import { requirePackageFile } from './package-file.js';

/** The GRUB platforms clonelab builds images for, with the Debian package that ships each one's modules. */
export const GRUB_PLATFORMS = {
  'i386-pc': { folder: '/usr/lib/grub/i386-pc', debianPackage: 'grub-pc-bin' },
  'x86_64-efi': { folder: '/usr/lib/grub/x86_64-efi', debianPackage: 'grub-efi-amd64-bin' },
} as const;

/** A GRUB platform: `i386-pc` (core.img for SeaBIOS) or `x86_64-efi` (BOOTX64.EFI for OVMF). */
export type GrubPlatform = keyof typeof GRUB_PLATFORMS;

// What both images need to read grub.cfg from an ext4 root on an MBR disk and boot Linux with
// the console on COM1. `normal` brings the script engine (and `menuentry`); `search_fs_uuid`
// backs `search --fs-uuid`; `test` lets grub.cfg use `if`; `halt` ends a failed boot. Modules
// are embedded, so nothing is loaded from the image at run time (it has no /boot/grub/<platform>/).
const COMMON_MODULES = ['part_msdos', 'ext2', 'fat', 'normal', 'configfile', 'linux', 'search', 'search_fs_uuid', 'echo', 'serial', 'terminal', 'test', 'halt'];
const PLATFORM_MODULES: Record<GrubPlatform, readonly string[]> = {
  'i386-pc': ['biosdisk'],
  // Without a video driver GRUB EFI still boots ("no suitable video mode found", blind mode);
  // with one the kernel gets a framebuffer on models that have a card.
  'x86_64-efi': ['efi_gop', 'all_video'],
};

/** The modules embedded into a platform's image. */
export function grubModules(platform: GrubPlatform): string[] {
  return [...PLATFORM_MODULES[platform], ...COMMON_MODULES];
}

/** Options of one grub-mkimage run. */
export interface GrubImageOptions {
  platform: GrubPlatform;
  /** The image file to write. */
  output: string;
  /** The MBR partition (1-based) holding /boot/grub/grub.cfg: GRUB's prefix is `(hd0,msdosN)/boot/grub`. */
  rootPartition: number;
  signal?: AbortSignal;
}

/**
 * Builds a GRUB image with `grub-mkimage` (never grub-install: it probes the host's disks) and
 * returns its bytes. The prefix names the first disk, which is the boot disk for SeaBIOS and
 * OVMF alike on a VM with one disk.
 * @example const core = await makeGrubImage({ platform: 'i386-pc', output: 'work/core.img', rootPartition: 2 });
 */
export async function makeGrubImage(options: GrubImageOptions): Promise<Buffer> {
  if (!Number.isInteger(options.rootPartition) || options.rootPartition < 1 || options.rootPartition > 4) {
    throw invalidInput('root partition', 'a primary MBR partition number from 1 to 4', options.rootPartition);
  }
  const { folder, debianPackage } = GRUB_PLATFORMS[options.platform];
  requirePackageFile(path.join(folder, 'linux.mod'), debianPackage);
  const prefix = `(hd0,msdos${options.rootPartition})/boot/grub`;
  const args = ['-O', options.platform, '-d', folder, '-o', options.output, '-p', prefix, ...grubModules(options.platform)];
  await runTool('grub-mkimage', args, { file: options.output, step: 'bootloader', signal: options.signal });
  return readFile(options.output);
}
