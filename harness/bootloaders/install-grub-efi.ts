import { open } from 'node:fs/promises';
import path from 'node:path';
import { runTool } from '../disks/run-tool.js';
import { withTempDir } from '../disks/temp-path.js';
import { UsageError } from '../errors/errors.js';
import { makeGrubImage } from './grub-image.js';
import { findMbrPartition, readMbrPartitions } from './mbr-layout.js';

/** Where UEFI firmware looks on removable media and on disks without boot entries (the fallback path). */
export const EFI_FALLBACK_LOADER = '::/EFI/BOOT/BOOTX64.EFI';

/** Options of a UEFI GRUB install into an image file. */
export interface InstallGrubEfiOptions {
  /** A raw MBR disk image whose EFI system partition is already formatted FAT. */
  disk: string;
  /** Byte offset of the EFI system partition (the start of an MBR entry of type 0xef). */
  espOffsetBytes: number;
  /** The MBR partition holding /boot/grub/grub.cfg (the ext4 root). */
  rootPartition: number;
  signal?: AbortSignal;
}

/**
 * Makes the disk boot GRUB under OVMF without grub-install: a GRUB EFI image, whose prefix names
 * /boot/grub on the root partition (the same grub.cfg the BIOS path reads), copied to the ESP's
 * fallback path with mtools (no mount). OVMF finds it without any boot entry in its variables.
 * Returns the size of BOOTX64.EFI.
 * @example await installGrubEfi({ disk: 'master.img', espOffsetBytes: 1048576, rootPartition: 2, signal });
 */
export async function installGrubEfi(options: InstallGrubEfiOptions): Promise<number> {
  await checkEsp(options);
  const image = `${options.disk}@@${options.espOffsetBytes}`;
  const run = (command: string, args: string[]) => runTool(command, ['-i', image, ...args], { file: options.disk, step: 'bootloader', signal: options.signal });
  return withTempDir(async (dir) => {
    const loader = path.join(dir, 'BOOTX64.EFI');
    const bytes = await makeGrubImage({ platform: 'x86_64-efi', output: loader, rootPartition: options.rootPartition, signal: options.signal });
    // mmd fails on a folder that exists (as after an earlier install): that is the state wanted;
    // a missing folder shows as mcopy's error.
    for (const folder of ['::/EFI', '::/EFI/BOOT']) await run('mmd', [folder]).catch(() => undefined);
    await run('mcopy', ['-o', loader, EFI_FALLBACK_LOADER]);
    return bytes.length;
  }, 'clonelab-grub-');
}

// An offset that is not an EFI system partition's start would make mtools read (and write) the wrong bytes.
async function checkEsp(options: InstallGrubEfiOptions): Promise<void> {
  const handle = await open(options.disk, 'r');
  try {
    const partitions = await readMbrPartitions(handle, options.disk);
    findMbrPartition(partitions, options.rootPartition, options.disk);
    const esp = partitions.find((partition) => partition.startSector * 512 === options.espOffsetBytes);
    if (esp?.type !== 0xef) {
      const starts = partitions.map((partition) => `${partition.number}: byte ${partition.startSector * 512}, type 0x${partition.type.toString(16)}`).join('; ');
      throw new UsageError(`Invalid EFI system partition offset for ${options.disk}: expected the start of a type 0xef partition, got ${options.espOffsetBytes} (partitions ${starts})`, { step: 'bootloader' });
    }
  } finally {
    await handle.close();
  }
}
