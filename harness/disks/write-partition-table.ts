import { randomUUID } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { computePartitionLayout, GPT_ENTRIES_BYTES } from './partition-layout.js';
import { encodeGuid, GPT_BASIC_DATA, selectMbrType } from './partition-types.js';
import type { Geometry } from './types.js';

// Written in Node rather than with sfdisk: sfdisk 2.38 (Debian 12) has no --sector-size, and a
// plain image file always looks like a 512-byte-sector device to it (measured).

/** Writes an MBR or GPT with one partition of the geometry into an open disk file. */
export async function writePartitionTable(handle: FileHandle, geometry: Geometry): Promise<void> {
  const layout = computePartitionLayout(geometry);
  const ss = geometry.sectorSize;
  if (geometry.table === 'mbr') {
    await handle.write(buildMbr(selectMbrType(geometry.filesystem), layout.startSector, layout.sectors), 0, 512, 0);
    return;
  }
  await handle.write(buildMbr(0xee, 1, Math.min(layout.diskSectors - 1, 0xffffffff)), 0, 512, 0);
  const entries = Buffer.alloc(GPT_ENTRIES_BYTES);
  encodeGuid(GPT_BASIC_DATA).copy(entries, 0);
  encodeGuid(randomUUID()).copy(entries, 16);
  entries.writeBigUInt64LE(BigInt(layout.startSector), 32);
  entries.writeBigUInt64LE(BigInt(layout.startSector + layout.sectors - 1), 40);
  entries.write('CLONELAB', 56, 'utf16le');
  const entrySectors = GPT_ENTRIES_BYTES / ss;
  const last = layout.diskSectors - 1;
  const diskGuid = encodeGuid(randomUUID());
  const primary = buildGptHeader({ current: 1, backup: last, entriesLba: 2, layout, diskGuid, entries, sectorSize: ss });
  const backup = buildGptHeader({ current: last, backup: 1, entriesLba: last - entrySectors, layout, diskGuid, entries, sectorSize: ss });
  await handle.write(primary, 0, primary.length, ss);
  await handle.write(entries, 0, entries.length, 2 * ss);
  await handle.write(entries, 0, entries.length, (last - entrySectors) * ss);
  await handle.write(backup, 0, backup.length, last * ss);
}

/** Builds a 512-byte MBR with one partition entry. */
function buildMbr(type: number, start: number, sectors: number): Buffer {
  const mbr = Buffer.alloc(512);
  mbr.writeUInt32LE(Math.floor(Math.random() * 0xffffffff), 440);
  const entry = 446;
  mbr.writeUInt8(type === 0xee ? 0x00 : 0x80, entry);
  mbr.set([0xfe, 0xff, 0xff], entry + 1); // CHS unused: LBA only
  mbr.writeUInt8(type, entry + 4);
  mbr.set([0xfe, 0xff, 0xff], entry + 5);
  mbr.writeUInt32LE(start, entry + 8);
  mbr.writeUInt32LE(sectors, entry + 12);
  mbr.writeUInt16LE(0xaa55, 510);
  return mbr;
}

interface GptHeaderInput {
  current: number;
  backup: number;
  entriesLba: number;
  layout: ReturnType<typeof computePartitionLayout>;
  diskGuid: Buffer;
  entries: Buffer;
  sectorSize: number;
}

/** Builds one GPT header (primary or backup) with its CRCs. */
function buildGptHeader(input: GptHeaderInput): Buffer {
  const header = Buffer.alloc(input.sectorSize);
  header.write('EFI PART', 0, 'ascii');
  header.writeUInt32LE(0x00010000, 8);
  header.writeUInt32LE(92, 12);
  header.writeBigUInt64LE(BigInt(input.current), 24);
  header.writeBigUInt64LE(BigInt(input.backup), 32);
  header.writeBigUInt64LE(BigInt(input.layout.firstUsable), 40);
  header.writeBigUInt64LE(BigInt(input.layout.lastUsable), 48);
  input.diskGuid.copy(header, 56);
  header.writeBigUInt64LE(BigInt(input.entriesLba), 72);
  header.writeUInt32LE(128, 80);
  header.writeUInt32LE(128, 84);
  header.writeUInt32LE(crc32(input.entries), 88);
  header.writeUInt32LE(crc32(header.subarray(0, 92)), 16);
  return header;
}
