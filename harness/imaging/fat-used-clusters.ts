import { open, truncate, writeFile } from 'node:fs/promises';

/** What a used-cluster copy of a FAT volume wrote. */
export interface FatUsedCopy {
  clusters: number;
  usedClusters: number;
  bytesCopied: number;
}

/**
 * Copies a FAT16/FAT32 partition into a sparse file holding only what is in use: the reserved
 * sectors, both FATs, the FAT16 root directory and every cluster the FAT marks allocated. No
 * Debian tool does this for FAT without a mount (partclone is not installed), so clonelab reads
 * the FAT itself.
 */
export async function copyFatUsedClusters(disk: string, startBytes: number, sizeBytes: number, out: string): Promise<FatUsedCopy> {
  const source = await open(disk, 'r');
  await writeFile(out, '');
  await truncate(out, sizeBytes);
  const target = await open(out, 'r+');
  try {
    const boot = Buffer.alloc(512);
    await source.read(boot, 0, 512, startBytes);
    const bytesPerSector = boot.readUInt16LE(11);
    const clusterSize = boot.readUInt8(13) * bytesPerSector;
    const reserved = boot.readUInt16LE(14);
    const fats = boot.readUInt8(16);
    const rootEntries = boot.readUInt16LE(17);
    const totalSectors = boot.readUInt16LE(19) || boot.readUInt32LE(32);
    const fatSectors = boot.readUInt16LE(22) || boot.readUInt32LE(36);
    const isFat32 = boot.readUInt16LE(22) === 0;
    const metaBytes = (reserved + fats * fatSectors) * bytesPerSector + Math.ceil((rootEntries * 32) / bytesPerSector) * bytesPerSector;
    const clusters = Math.floor((totalSectors * bytesPerSector - metaBytes) / clusterSize);
    let bytesCopied = await copy(source, target, startBytes, 0, metaBytes);
    const fat = Buffer.alloc(fatSectors * bytesPerSector);
    await source.read(fat, 0, fat.length, startBytes + reserved * bytesPerSector);
    let usedClusters = 0;
    for (let cluster = 2; cluster < clusters + 2; cluster++) {
      const entry = isFat32 ? fat.readUInt32LE(cluster * 4) & 0x0fffffff : fat.readUInt16LE(cluster * 2);
      if (entry === 0) continue;
      usedClusters++;
      const offset = metaBytes + (cluster - 2) * clusterSize;
      bytesCopied += await copy(source, target, startBytes + offset, offset, clusterSize);
    }
    return { clusters, usedClusters, bytesCopied };
  } finally {
    await source.close();
    await target.close();
  }
}

/** Copies one byte range between open files. */
async function copy(source: Awaited<ReturnType<typeof open>>, target: Awaited<ReturnType<typeof open>>, from: number, to: number, length: number): Promise<number> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await source.read(buffer, 0, length, from);
  await target.write(buffer, 0, bytesRead, to);
  return bytesRead;
}
