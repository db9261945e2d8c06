import { open, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InfrastructureError, UsageError } from '../errors/errors.js';
import { copyIntoFat } from './fat-volume.js';
import { formatFat, makeNtfsPartitionFile } from './format-volume.js';
import { renameOrRemove } from '../host/atomic.js';
import { computePartitionLayout } from './partition-layout.js';
import { splicePartitionFile } from './partition-file.js';
import { readDiskInfo } from './read-disk-info.js';
import { explainFull } from './explain-full.js';
import { makeTempSibling, withTempDir } from './temp-path.js';
import type { DiskInfo, Geometry, SerialPolicy } from './types.js';
import { chooseVolumeSerial } from './volume-serial.js';
import { applyWim, captureToWim } from './wim-tool.js';
import { writePartitionTable } from './write-partition-table.js';

/** Options of createDisk. */
export interface CreateDiskOptions {
  /** Host folder whose tree is copied into the new volume. */
  fromDir?: string;
  /** Fill a fresh NTFS partition file yourself (e.g. apply a WIM); replaces fromDir for NTFS. */
  fillNtfs?: (partitionFile: string) => Promise<void>;
  /**
   * The time (ms since the epoch) a clock-seeded formatter reads, for `serial: 'clock'`; default
   * now. Give volumes one clock to have them formatted "in the same second".
   */
  formatClock?: number;
  /** Cancels the tools (mkfs, mtools, wimlib, qemu-img); the temporary disk is removed. */
  signal?: AbortSignal;
}

/** A disk createDisk made: its facts, and how its volume serial was chosen. */
export interface CreatedDisk extends DiskInfo {
  serialPolicy: SerialPolicy;
}

/**
 * Creates a disk image with one partition filling it, formatted, optionally filled from a host
 * folder tree. Written to a temporary name and renamed at the end: no half disk is ever left.
 * The volume gets its own random serial unless the geometry asks for the clock's.
 * @example await createDisk('d.img', parseGeometry({ size: '64M', filesystem: 'fat32' }), { fromDir: 'tree' })
 */
export async function createDisk(target: string, geometry: Geometry, options: CreateDiskOptions = {}): Promise<CreatedDisk> {
  // One volume of FAT or NTFS: an ext4 disk is a Linux guest's (ESP + root), made by harness/debian.
  if (geometry.filesystem === 'ext4') throw new UsageError('ext4 is the root filesystem of the Linux guests (guest debian or image): this volume takes fat16, fat32 or ntfs', { hint: 'give filesystem fat16, fat32 or ntfs' });
  if (options.fromDir !== undefined) await checkFolder(options.fromDir);
  const layout = computePartitionLayout(geometry);
  const serialPolicy = geometry.serial ?? 'random';
  const serial = chooseVolumeSerial(geometry.filesystem, serialPolicy, options.formatClock ?? Date.now());
  const partition = { startBytes: layout.startBytes, sizeBytes: layout.sizeBytes, typeId: '' };
  const temporary = makeTempSibling(path.resolve(target));
  const signal = options.signal;
  try {
    signal?.throwIfAborted();
    await writeFile(temporary, '');
    await truncate(temporary, geometry.sizeBytes);
    const handle = await open(temporary, 'r+');
    try {
      await writePartitionTable(handle, geometry);
    } finally {
      await handle.close();
    }
    if (geometry.filesystem === 'ntfs') {
      await withTempDir(async (dir) => {
        const file = path.join(dir, 'partition.ntfs');
        await makeNtfsPartitionFile(file, geometry, layout, serial, signal);
        if (options.fillNtfs) await options.fillNtfs(file);
        else if (options.fromDir !== undefined) {
          await captureToWim(options.fromDir, path.join(dir, 'tree.wim'), signal);
          await applyWim(path.join(dir, 'tree.wim'), 1, file, [], signal);
        }
        await splicePartitionFile(file, temporary, partition, { fresh: true, signal });
      });
    } else {
      await formatFat(temporary, geometry, layout, serial, signal);
      if (options.fromDir !== undefined) await copyIntoFat(temporary, layout.startBytes, options.fromDir, '/', signal);
    }
    await renameOrRemove(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw explainFull(error, target);
  }
  const info = await readDiskInfo(target);
  if (info.serial !== serial) throw new InfrastructureError(`${target} was formatted with volume serial ${serial}, but its boot sector says ${info.serial}.`, { step: 'mkfs' });
  return { ...info, serialPolicy };
}

/** Checks that a source folder exists and is a folder. */
async function checkFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`Cannot fill a volume from ${dir}: it is not a folder.`);
}
