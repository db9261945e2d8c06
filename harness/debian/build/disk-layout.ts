import { randomBytes } from 'node:crypto';
import { runTool } from '../../disks/run-tool.js';
import { UsageError } from '../../errors/errors.js';

const MiB = 1024 * 1024;
const SECTOR = 512;

/** Where the two partitions of a Debian disk sit. */
export interface DebianDiskLayout {
  esp: { startBytes: number; sizeBytes: number };
  root: { startBytes: number; sizeBytes: number };
}

/**
 * Lays out a Debian disk: the first MiB free (MBR, then room for a GRUB core.img), partition 1
 * the EFI system partition, partition 2 the ext4 root to the end of the disk.
 */
export function computeDebianLayout(sizeBytes: number, espBytes: number): DebianDiskLayout {
  if (!Number.isSafeInteger(espBytes) || espBytes < 33 * MiB || espBytes % MiB !== 0) {
    throw new UsageError(`Invalid ESP size: expected whole MiB of at least 33 MiB (FAT32 needs 65525 clusters), got ${espBytes} bytes.`);
  }
  const rootStart = MiB + espBytes;
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes % MiB !== 0 || sizeBytes < rootStart + 64 * MiB) {
    throw new UsageError(`Invalid Debian disk size: expected whole MiB, at least ${(rootStart + 64 * MiB) / MiB} MiB, got ${sizeBytes} bytes.`);
  }
  return { esp: { startBytes: MiB, sizeBytes: espBytes }, root: { startBytes: rootStart, sizeBytes: sizeBytes - rootStart } };
}

/** Writes the MBR: partition 1 type 0xef (EFI system), partition 2 type 0x83 (Linux). */
export async function writeDebianMbr(disk: string, layout: DebianDiskLayout, signal?: AbortSignal): Promise<void> {
  const script = ['label: dos', 'unit: sectors', 'sector-size: 512', '',
    `start=${layout.esp.startBytes / SECTOR}, size=${layout.esp.sizeBytes / SECTOR}, type=ef`,
    `start=${layout.root.startBytes / SECTOR}, size=${layout.root.sizeBytes / SECTOR}, type=83`, ''].join('\n');
  await runTool('sfdisk', ['--no-reread', '--no-tell-kernel', '--wipe', 'never', '-q', disk], { file: disk, step: 'partition', input: script, signal });
}

/** Formats the EFI system partition FAT32 with a random serial; returns it as fstab names it (`XXXX-XXXX`). */
export async function formatEsp(disk: string, layout: DebianDiskLayout, signal?: AbortSignal): Promise<string> {
  const serial = randomBytes(4).toString('hex').toUpperCase();
  const startSector = layout.esp.startBytes / SECTOR;
  // One sector per cluster: a 64 MiB FAT32 then has >= 65525 clusters, as FAT32 must (with 4 KiB
  // clusters mtools reads it as FAT16 and cannot write the boot loader; firmware may balk too).
  await runTool('mkfs.fat', ['-F', '32', '-s', '1', '-n', 'ESP', '-i', serial, '-h', String(startSector), '--offset', String(startSector), disk, String(layout.esp.sizeBytes / 1024)],
    { file: disk, step: 'mkfs', signal });
  return `${serial.slice(0, 4)}-${serial.slice(4)}`;
}

/** The /etc/fstab of a Debian disk: root by filesystem UUID, the ESP by FAT serial (nofail: a clone without it still boots). */
export function buildFstab(rootUuid: string, espSerial: string): string {
  return ['# /etc/fstab: written by clonelab when it composed this disk.',
    '# <file system> <mount point> <type> <options> <dump> <pass>',
    `UUID=${rootUuid} / ext4 errors=remount-ro 0 1`,
    `UUID=${espSerial} /boot/efi vfat umask=0077,nofail 0 2`, ''].join('\n');
}
