import type { Filesystem } from './types.js';

/** GPT type of every lab partition: Microsoft basic data (FAT and NTFS alike). */
export const GPT_BASIC_DATA = 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7';

/** MBR type bytes: FAT16 LBA, FAT32 LBA, NTFS/exFAT, Linux. */
const mbrTypes: Record<Filesystem, number> = { fat16: 0x0e, fat32: 0x0c, ntfs: 0x07, ext4: 0x83 };

/** The MBR partition type byte of a filesystem. */
export function selectMbrType(filesystem: Filesystem): number {
  return mbrTypes[filesystem];
}

/** Encodes a GUID string in GPT's mixed-endian layout. */
export function encodeGuid(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  const bytes = Buffer.from(hex, 'hex');
  const out = Buffer.from(bytes);
  bytes.subarray(0, 4).reverse().copy(out, 0);
  bytes.subarray(4, 6).reverse().copy(out, 4);
  bytes.subarray(6, 8).reverse().copy(out, 6);
  return out;
}

/** Decodes a GUID from GPT's mixed-endian layout. */
export function decodeGuid(bytes: Buffer): string {
  const b = Buffer.from(bytes);
  const hex = [b.subarray(0, 4).reverse(), b.subarray(4, 6).reverse(), b.subarray(6, 8).reverse(), b.subarray(8, 10), b.subarray(10, 16)].map((part) => part.toString('hex'));
  return hex.join('-').toUpperCase();
}
