import type { FileHandle } from 'node:fs/promises';
import { UsageError } from '../errors/errors.js';

const SECTOR = 512;
const TABLE_OFFSET = 446;

/** One used primary entry of an MBR partition table. */
export interface MbrPartition {
  /** 1-based entry number: GRUB's `msdosN`. */
  number: number;
  /** Type byte, e.g. 0xef (EFI system) or 0x83 (Linux). */
  type: number;
  startSector: number;
  sectors: number;
}

/** The used primary partitions of an MBR disk image, refused when the image has no MBR or is GPT. */
export async function readMbrPartitions(handle: FileHandle, disk: string): Promise<MbrPartition[]> {
  const mbr = Buffer.alloc(SECTOR);
  await handle.read(mbr, 0, SECTOR, 0);
  if (mbr.readUInt16LE(510) !== 0xaa55) throw new UsageError(`${disk} has no MBR (no 0x55AA signature at byte 510)`, { step: 'bootloader' });
  const partitions: MbrPartition[] = [];
  for (let index = 0; index < 4; index++) {
    const entry = mbr.subarray(TABLE_OFFSET + 16 * index, TABLE_OFFSET + 16 * (index + 1));
    const type = entry.readUInt8(4);
    if (type === 0xee) throw new UsageError(`${disk} is a GPT disk (protective MBR): the boot paths install GRUB on MBR disks only`, { step: 'bootloader' });
    if (type !== 0 && entry.readUInt32LE(12) > 0) partitions.push({ number: index + 1, type, startSector: entry.readUInt32LE(8), sectors: entry.readUInt32LE(12) });
  }
  if (partitions.length === 0) throw new UsageError(`${disk} has an empty MBR partition table`, { step: 'bootloader' });
  return partitions;
}

/** The partition with that number, or a usage error naming the partitions there are. */
export function findMbrPartition(partitions: readonly MbrPartition[], number: number, disk: string): MbrPartition {
  const found = partitions.find((partition) => partition.number === number);
  if (!found) {
    const present = partitions.map((partition) => `${partition.number} (type 0x${partition.type.toString(16)})`).join(', ');
    throw new UsageError(`${disk} has no partition ${number}: its MBR lists ${present}`, { step: 'bootloader' });
  }
  return found;
}
