import { open } from 'node:fs/promises';
import path from 'node:path';
import { withTempDir } from '../disks/temp-path.js';
import { InfrastructureError, UsageError } from '../errors/errors.js';
import { GRUB_PLATFORMS, makeGrubImage } from './grub-image.js';
import { requirePackageFile } from './package-file.js';
import { findMbrPartition, readMbrPartitions } from './mbr-layout.js';

const SECTOR = 512;
// boot.img's code ends where the MBR's disk signature and partition table begin.
const BOOT_CODE_BYTES = 440;
// Offsets fixed by GRUB 2's boot.S and diskboot.S (grub/include/grub/i386/pc/boot.h).
const KERNEL_SECTOR_OFFSET = 0x5c;
const BLOCKLIST_START_OFFSET = SECTOR - 12;

/** Options of a BIOS GRUB install into an image file. */
export interface InstallGrubBiosOptions {
  /** A raw MBR disk image; its partition table and partitions are kept. */
  disk: string;
  /** The MBR partition holding /boot/grub/grub.cfg (the ext4 root). */
  rootPartition: number;
  signal?: AbortSignal;
}

/** What was written where. */
export interface InstalledGrubBios {
  /** Bytes of core.img, written from sector 1. */
  coreBytes: number;
  /** Sectors free before the first partition (core.img's room). */
  gapSectors: number;
}

/**
 * Makes the disk boot GRUB under SeaBIOS without grub-install or grub-bios-setup (both probe the
 * host's disks): boot.img's code into the MBR's first 440 bytes, core.img from sector 1, in the
 * gap before the first partition. No byte needs patching for that placement: boot.img loads
 * sector 1 and core.img's first sector (diskboot) loads the rest from sector 2, both GRUB's
 * defaults (grub-bios-setup rewrites them only for other placements); they are checked, not assumed.
 * @example await installGrubBios({ disk: 'master.img', rootPartition: 2, signal });
 */
export async function installGrubBios(options: InstallGrubBiosOptions): Promise<InstalledGrubBios> {
  const { folder, debianPackage } = GRUB_PLATFORMS['i386-pc'];
  const bootImgPath = path.join(folder, 'boot.img');
  requirePackageFile(bootImgPath, debianPackage);
  const handle = await open(options.disk, 'r+');
  try {
    const partitions = await readMbrPartitions(handle, options.disk);
    findMbrPartition(partitions, options.rootPartition, options.disk);
    const gapSectors = Math.min(...partitions.map((partition) => partition.startSector)) - 1;
    const core = await withTempDir((dir) => makeGrubImage({ platform: 'i386-pc', output: path.join(dir, 'core.img'), rootPartition: options.rootPartition, signal: options.signal }), 'clonelab-grub-');
    const coreSectors = Math.ceil(core.length / SECTOR);
    if (coreSectors > gapSectors) {
      throw new UsageError(`GRUB's core.img (${core.length} bytes, ${coreSectors} sectors) does not fit before the first partition of ${options.disk} (${gapSectors} free sectors from sector 1)`, {
        step: 'bootloader', hint: 'Start the first partition at 1 MiB (sector 2048), as partitioning tools do by default.',
      });
    }
    const bootImg = await readBootImg(bootImgPath);
    checkGrubDefaults(bootImg, core);
    await handle.write(bootImg, 0, BOOT_CODE_BYTES, 0);
    await handle.write(core, 0, core.length, SECTOR);
    return { coreBytes: core.length, gapSectors };
  } finally {
    await handle.close();
  }
}

async function readBootImg(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const bytes = Buffer.alloc(SECTOR);
    const { bytesRead } = await handle.read(bytes, 0, SECTOR, 0);
    if (bytesRead !== SECTOR) throw new InfrastructureError(`${file} is ${bytesRead} bytes, expected GRUB's 512-byte boot.img`, { step: 'bootloader' });
    return bytes;
  } finally {
    await handle.close();
  }
}

// The two sector numbers that chain MBR → core.img sector 1 → sectors 2…: a GRUB build with other
// defaults would need grub-bios-setup's patching, which this install does not do.
function checkGrubDefaults(bootImg: Buffer, core: Buffer): void {
  const kernelSector = bootImg.readBigUInt64LE(KERNEL_SECTOR_OFFSET);
  const blocklistStart = core.readBigUInt64LE(BLOCKLIST_START_OFFSET);
  const blocklistSectors = core.readUInt16LE(BLOCKLIST_START_OFFSET + 8);
  if (kernelSector !== 1n || blocklistStart !== 2n || blocklistSectors !== Math.ceil(core.length / SECTOR) - 1) {
    throw new InfrastructureError(
      `This GRUB's images do not chain from sector 1: boot.img loads sector ${kernelSector}, core.img loads ${blocklistSectors} sectors from sector ${blocklistStart} (expected 1, and ${Math.ceil(core.length / SECTOR) - 1} from 2)`,
      { step: 'bootloader' },
    );
  }
}
