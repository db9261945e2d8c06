import { open, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';
import { computePartitionLayout } from '../disks/partition-layout.js';
import { splicePartitionFile } from '../disks/partition-file.js';
import { readDiskInfo } from '../disks/read-disk-info.js';
import { makeTempSibling } from '../disks/temp-path.js';
import { renameOrRemove } from '../host/atomic.js';
import type { Geometry } from '../disks/types.js';
import { writePartitionTable } from '../disks/write-partition-table.js';
import type { ApplyOptions, ApplyResult, CapturedImage } from './types.js';

/**
 * Writes a raw partition file (sector or used-blocks capture) into a new disk of the target
 * geometry, as is: nothing is resized or fixed up, and the notes say what that means.
 */
export async function applyRawPartition(captured: CapturedImage, target: string, geometry: Geometry, options: ApplyOptions = {}): Promise<ApplyResult> {
  const source = captured.sourceInfo;
  if (!source) throw new UsageError(`${captured.path} has no source disk facts; a raw capture needs them.`);
  const layout = computePartitionLayout(geometry);
  const { size: capturedBytes } = await stat(captured.path);
  const notes: string[] = [];
  if (capturedBytes > layout.sizeBytes) {
    if (!options.force) {
      throw new UsageError(`Cannot ${captured.method} clone onto ${target}: the source partition has ${capturedBytes} bytes but the target partition only ${layout.sizeBytes}; the copy would be truncated.`, { hint: 'use a larger --size, the file method, or --force to truncate anyway (reproduces the failure)' });
    }
    notes.push(`truncated (forced): ${capturedBytes - layout.sizeBytes} of ${capturedBytes} bytes were cut off; the filesystem still claims ${source.fsSizeBytes} bytes and will not mount cleanly`);
  } else if (capturedBytes < layout.sizeBytes) {
    notes.push(`filesystem kept its old size: ${source.fsSizeBytes} bytes in a ${layout.sizeBytes}-byte partition (${layout.sizeBytes - capturedBytes} bytes unused; nothing grows the filesystem)`);
  }
  if (source.fsSectorSize !== geometry.sectorSize) {
    notes.push(`boot sector says ${source.fsSectorSize} bytes per sector but the target has ${geometry.sectorSize}-byte logical sectors: copied as is, the volume will not mount`);
  }
  if (geometry.filesystem !== source.filesystem) notes.push(`a ${captured.method} clone keeps the source filesystem ${source.filesystem}; the asked ${geometry.filesystem} was ignored`);
  if (geometry.clusterSize !== undefined && geometry.clusterSize !== source.clusterSize) notes.push(`cluster size stays ${source.clusterSize} (asked ${geometry.clusterSize})`);
  const temporary = makeTempSibling(path.resolve(target));
  let bytesWritten: number;
  try {
    options.signal?.throwIfAborted();
    await writeFile(temporary, '');
    await truncate(temporary, geometry.sizeBytes);
    const handle = await open(temporary, 'r+');
    try {
      await writePartitionTable(handle, { ...geometry, filesystem: source.filesystem });
    } finally {
      await handle.close();
    }
    const partition = { startBytes: layout.startBytes, sizeBytes: layout.sizeBytes, typeId: '' };
    bytesWritten = await splicePartitionFile(captured.path, temporary, partition, { fresh: true, length: Math.min(capturedBytes, layout.sizeBytes), signal: options.signal });
    await renameOrRemove(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const info = await readDiskInfo(target).catch(() => undefined);
  return { method: captured.method, target, info, bytesWritten, notes };
}
