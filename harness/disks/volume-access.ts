import { rm } from 'node:fs/promises';
import path from 'node:path';
import { makeDirAtomic } from '../host/atomic.js';
import { copyIntoFat, extractFat, listFat, readFatFile } from './fat-volume.js';
import { copyIntoNtfs, extractNtfs, listNtfs, readNtfsFile, withPartitionFile } from './ntfs-volume.js';
import { computePartitionLayout } from './partition-layout.js';
import { readDiskInfo } from './read-disk-info.js';
import { explainFull } from './explain-full.js';
import type { DiskInfo, Geometry, VolumeEntry } from './types.js';

/** The geometry a disk was made with, as read back from it. */
export function describeGeometry(info: DiskInfo): Geometry {
  return {
    sizeBytes: info.diskSizeBytes, table: info.table, partitionStart: info.partition.startBytes / info.sectorSize,
    sectorSize: info.sectorSize, filesystem: info.filesystem, clusterSize: info.clusterSize, label: info.label,
  };
}

/** Lists one directory of a disk's volume (FAT via mtools, NTFS via ntfsls on a partition copy). */
export async function listVolume(disk: string, dir = '/'): Promise<VolumeEntry[]> {
  const info = await readDiskInfo(disk);
  if (info.filesystem !== 'ntfs') return listFat(disk, info.partition.startBytes, dir);
  return withPartitionFile(disk, info.partition, (file) => listNtfs(file, dir, disk));
}

/** Reads one file of a disk's volume; `signal` cancels the tools. */
export async function readVolumeFile(disk: string, file: string, signal?: AbortSignal): Promise<Buffer> {
  const info = await readDiskInfo(disk);
  if (info.filesystem !== 'ntfs') return readFatFile(disk, info.partition.startBytes, file, signal);
  return withPartitionFile(disk, info.partition, (partition) => readNtfsFile(partition, file, disk, signal), signal);
}

/** Copies a disk volume's whole tree into a new host folder (made atomically); `signal` cancels the tools. */
export async function extractVolume(disk: string, outDir: string, signal?: AbortSignal): Promise<void> {
  const info = await readDiskInfo(disk);
  await rm(outDir, { recursive: true, force: true });
  await makeDirAtomic(path.resolve(outDir), async (temporary) => {
    if (info.filesystem !== 'ntfs') return extractFat(disk, info.partition.startBytes, temporary, signal);
    return withPartitionFile(disk, info.partition, (file, scratch) => extractNtfs(file, temporary, scratch, signal), signal);
  });
}

/** Adds (or overwrites) the files of a host folder tree in an existing volume, under `destDir`; `signal` cancels the tools. */
export async function copyIntoVolume(disk: string, srcDir: string, destDir = '/', signal?: AbortSignal): Promise<void> {
  const info = await readDiskInfo(disk);
  try {
    if (info.filesystem !== 'ntfs') return await copyIntoFat(disk, info.partition.startBytes, srcDir, destDir, signal);
    const geometry = describeGeometry(info);
    return await copyIntoNtfs(disk, info.partition, geometry, computePartitionLayout(geometry), srcDir, destDir, signal);
  } catch (error) {
    throw explainFull(error, disk);
  }
}
