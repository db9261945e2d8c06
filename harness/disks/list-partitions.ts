import { UsageError } from '../errors/errors.js';
import { decodeGuid } from './partition-types.js';

/** One partition of a disk, in table order. */
export interface ListedPartition {
  /** 1-based, in table order (MBR: primary entries 1–4; GPT: entry number). */
  number: number;
  startBytes: number;
  sizeBytes: number;
  /** MBR type byte as `0x07`, or the GPT type GUID. */
  typeId: string;
  /** GPT: the unique partition GUID. */
  guid?: string;
}

/** A disk's partition table as a whole: every partition, the disk signature or GUID. */
export interface DiskLayout {
  table: 'mbr' | 'gpt';
  sectorSize: 512 | 4096;
  /** MBR: the disk signature at 0x1B8 as 8 hex digits (the little-endian u32, as Windows shows it). */
  signature?: string;
  /** GPT: the disk GUID. */
  diskGuid?: string;
  partitions: ListedPartition[];
}

/** Reads `length` bytes of the disk at `offset` (a file read, or a qemu-img range for qcow2). */
export type ReadDiskRange = (offset: number, length: number) => Promise<Buffer>;

const GPT_MAX_ENTRIES = 128;

/**
 * Lists every partition of a disk image (MBR primaries, or GPT entries), with the logical
 * sector size found as readPartitionTable finds it: a GPT header at byte 512 or 4096; for an
 * MBR, where the first partition's boot sector says its own sector size. `head` is the disk's
 * first bytes (at least 8 KiB); `read` fetches the rest.
 */
export async function listPartitions(head: Buffer, read: ReadDiskRange, disk: string): Promise<DiskLayout> {
  if (head.length < 8192 || head.readUInt16LE(510) !== 0xaa55) throw notADisk(disk, 'no MBR signature 0x55AA at byte 510');
  for (const sectorSize of [512, 4096] as const) {
    if (head.toString('latin1', sectorSize, sectorSize + 8) === 'EFI PART') return readGpt(head.subarray(sectorSize, sectorSize + 92), sectorSize, read, disk);
  }
  const entries = [0, 1, 2, 3].map((index) => head.subarray(446 + 16 * index, 446 + 16 * (index + 1)));
  const used = entries
    .map((entry, index) => ({ number: index + 1, type: entry.readUInt8(4), start: entry.readUInt32LE(8), sectors: entry.readUInt32LE(12) }))
    .filter((entry) => entry.type !== 0 && entry.start !== 0 && entry.sectors !== 0);
  if (used.length === 0) throw notADisk(disk, 'its MBR has no partition');
  const sectorSize = await detectMbrSectorSize(used[0]!.start, read);
  return {
    table: 'mbr', sectorSize, signature: head.readUInt32LE(440).toString(16).padStart(8, '0'),
    partitions: used.map((entry) => ({ number: entry.number, startBytes: entry.start * sectorSize, sizeBytes: entry.sectors * sectorSize, typeId: `0x${entry.type.toString(16).padStart(2, '0')}` })),
  };
}

/** The sector size whose multiple of `start` holds a boot sector that says so (else one that holds a boot sector, else 512). */
async function detectMbrSectorSize(start: number, read: ReadDiskRange): Promise<512 | 4096> {
  const boots = new Map<512 | 4096, Buffer>();
  for (const sectorSize of [512, 4096] as const) boots.set(sectorSize, await read(start * sectorSize, 512).catch(() => Buffer.alloc(512)));
  for (const sectorSize of [512, 4096] as const) {
    const boot = boots.get(sectorSize)!;
    if (boot.length === 512 && boot.readUInt16LE(510) === 0xaa55 && boot.readUInt16LE(11) === sectorSize) return sectorSize;
  }
  for (const sectorSize of [512, 4096] as const) {
    const boot = boots.get(sectorSize)!;
    if (boot.length === 512 && boot.readUInt16LE(510) === 0xaa55) return sectorSize;
  }
  return 512;
}

async function readGpt(header: Buffer, sectorSize: 512 | 4096, read: ReadDiskRange, disk: string): Promise<DiskLayout> {
  const entriesLba = Number(header.readBigUInt64LE(72));
  const count = Math.min(header.readUInt32LE(80), GPT_MAX_ENTRIES);
  const entrySize = header.readUInt32LE(84);
  if (entrySize < 128 || entrySize > 4096) throw notADisk(disk, `its GPT header gives ${entrySize}-byte partition entries`);
  const table = await read(entriesLba * sectorSize, count * entrySize);
  const partitions: ListedPartition[] = [];
  for (let index = 0; index < count && (index + 1) * entrySize <= table.length; index += 1) {
    const entry = table.subarray(index * entrySize, (index + 1) * entrySize);
    const first = Number(entry.readBigUInt64LE(32));
    const last = Number(entry.readBigUInt64LE(40));
    if (entry.subarray(0, 16).every((byte) => byte === 0) || first === 0 || last < first) continue;
    partitions.push({ number: index + 1, startBytes: first * sectorSize, sizeBytes: (last - first + 1) * sectorSize, typeId: decodeGuid(entry.subarray(0, 16)), guid: decodeGuid(entry.subarray(16, 32)) });
  }
  if (partitions.length === 0) throw notADisk(disk, 'its GPT has no partition');
  return { table: 'gpt', sectorSize, diskGuid: decodeGuid(header.subarray(56, 72)), partitions };
}

function notADisk(disk: string, cause: string): UsageError {
  return new UsageError(`${disk} is not a disk image: ${cause}.`, { hint: 'give a raw or qcow2 disk image with an MBR or GPT' });
}
