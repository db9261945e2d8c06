import type { FileHandle } from 'node:fs/promises';

/**
 * Reads an NTFS volume label straight from MFT record 3 ($Volume, attribute $VOLUME_NAME 0x60),
 * so that reading disk facts needs no copy of the partition.
 */
export async function readNtfsLabel(handle: FileHandle, partitionStart: number, boot: Buffer): Promise<string> {
  const bytesPerSector = boot.readUInt16LE(11);
  const rawPerCluster = boot.readUInt8(13);
  const clusterSize = (rawPerCluster > 0x80 ? 2 ** (256 - rawPerCluster) : rawPerCluster) * bytesPerSector;
  const mftLcn = Number(boot.readBigUInt64LE(0x30));
  const rawRecord = boot.readInt8(0x40);
  const recordSize = rawRecord < 0 ? 2 ** -rawRecord : rawRecord * clusterSize;
  const record = Buffer.alloc(recordSize);
  await handle.read(record, 0, recordSize, partitionStart + mftLcn * clusterSize + 3 * recordSize);
  if (record.toString('ascii', 0, 4) !== 'FILE') return '';
  applyFixups(record);
  for (let at = record.readUInt16LE(0x14); at + 8 <= record.length;) {
    const type = record.readUInt32LE(at);
    const length = record.readUInt32LE(at + 4);
    if (type === 0xffffffff || length === 0) break;
    if (type === 0x60) {
      const valueLength = record.readUInt32LE(at + 0x10);
      const valueOffset = record.readUInt16LE(at + 0x14);
      return record.toString('utf16le', at + valueOffset, at + valueOffset + valueLength);
    }
    at += length;
  }
  return '';
}

/** Puts back the bytes the update-sequence array replaced at the end of every 512-byte stride. */
function applyFixups(record: Buffer): void {
  const usaOffset = record.readUInt16LE(4);
  const usaCount = record.readUInt16LE(6);
  for (let i = 1; i < usaCount && i * 512 <= record.length; i++) {
    record.writeUInt16LE(record.readUInt16LE(usaOffset + 2 * i), i * 512 - 2);
  }
}
