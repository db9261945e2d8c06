import type { FileHandle } from 'node:fs/promises';
import { UsageError } from '../errors/errors.js';
import { decodeGuid } from './partition-types.js';
import type { PartitionInfo } from './types.js';

/** The table of a disk and its first partition, with the logical sector size it implies. */
export interface PartitionTable {
  table: 'mbr' | 'gpt';
  sectorSize: 512 | 4096;
  partition: PartitionInfo;
}

/**
 * Reads the partition table of a plain image file. The logical sector size is detected, not
 * stored in a sidecar: a GPT header ("EFI PART") sits at byte 512 or 4096; for an MBR, the
 * partition's boot sector (0x55AA, matching bytes-per-sector field) is looked for at
 * start × 512 and at start × 4096.
 */
export async function readPartitionTable(handle: FileHandle, file: string): Promise<PartitionTable> {
  const head = Buffer.alloc(8192);
  await handle.read(head, 0, head.length, 0);
  if (head.readUInt16LE(510) !== 0xaa55) throw notADisk(file, 'no MBR signature 0x55AA at byte 510');
  for (const sectorSize of [512, 4096] as const) {
    if (head.toString('ascii', sectorSize, sectorSize + 8) === 'EFI PART') return readGpt(handle, head.subarray(sectorSize, sectorSize + 92), sectorSize, file);
  }
  const type = head.readUInt8(446 + 4);
  const start = head.readUInt32LE(446 + 8);
  const sectors = head.readUInt32LE(446 + 12);
  if (type === 0 || start === 0 || sectors === 0) throw notADisk(file, 'the first MBR partition entry is empty');
  for (const sectorSize of [512, 4096] as const) {
    const boot = Buffer.alloc(512);
    await handle.read(boot, 0, 512, start * sectorSize);
    if (boot.readUInt16LE(510) === 0xaa55 && boot.readUInt16LE(11) === sectorSize) {
      return { table: 'mbr', sectorSize, partition: { startBytes: start * sectorSize, sizeBytes: sectors * sectorSize, typeId: `0x${type.toString(16).padStart(2, '0')}` } };
    }
  }
  // A boot sector that lies about its sector size (a sector clone onto another geometry): the
  // sector size is where a boot signature is found at all.
  for (const sectorSize of [512, 4096] as const) {
    const boot = Buffer.alloc(512);
    await handle.read(boot, 0, 512, start * sectorSize);
    if (boot.readUInt16LE(510) === 0xaa55) {
      return { table: 'mbr', sectorSize, partition: { startBytes: start * sectorSize, sizeBytes: sectors * sectorSize, typeId: `0x${type.toString(16).padStart(2, '0')}` } };
    }
  }
  return { table: 'mbr', sectorSize: 512, partition: { startBytes: start * 512, sizeBytes: sectors * 512, typeId: `0x${type.toString(16).padStart(2, '0')}` } };
}

/** Reads the first entry of a GPT. */
async function readGpt(handle: FileHandle, header: Buffer, sectorSize: 512 | 4096, file: string): Promise<PartitionTable> {
  const entriesLba = Number(header.readBigUInt64LE(72));
  const entry = Buffer.alloc(128);
  await handle.read(entry, 0, 128, entriesLba * sectorSize);
  const first = Number(entry.readBigUInt64LE(32));
  const last = Number(entry.readBigUInt64LE(40));
  if (first === 0 || last < first) throw notADisk(file, 'the first GPT partition entry is empty');
  return { table: 'gpt', sectorSize, partition: { startBytes: first * sectorSize, sizeBytes: (last - first + 1) * sectorSize, typeId: decodeGuid(entry.subarray(0, 16)) } };
}

/** The error for a file that is not a lab disk. */
function notADisk(file: string, cause: string): UsageError {
  return new UsageError(`${file} is not a disk image: ${cause}.`, { hint: 'give a disk made by `clonelab disk create` or a raw image with an MBR or GPT' });
}
