import { truncate, writeFile } from 'node:fs/promises';
import { copyRange } from './copy-range.js';
import type { PartitionInfo } from './types.js';

/**
 * Copies a disk's partition out into its own sparse file: ntfs-3g tools and wimlib cannot
 * address a partition at an offset, so NTFS work happens on this file. A qcow2 disk is read
 * through qemu-img (`fromFormat`).
 */
export async function extractPartitionFile(disk: string, partition: PartitionInfo, out: string, signal?: AbortSignal, fromFormat: 'raw' | 'qcow2' = 'raw'): Promise<void> {
  await writeFile(out, '');
  await truncate(out, partition.sizeBytes);
  await copyRange({ from: disk, fromOffset: partition.startBytes, to: out, toOffset: 0, length: partition.sizeBytes, skipZeros: true, signal, fromFormat });
}

/** Writes a partition file back into a disk at the partition's offset (zeros too, unless the disk range is fresh). */
export async function splicePartitionFile(partitionFile: string, disk: string, partition: PartitionInfo, options: { fresh?: boolean; length?: number; signal?: AbortSignal } = {}): Promise<number> {
  return copyRange({ from: partitionFile, fromOffset: 0, to: disk, toOffset: partition.startBytes, length: options.length ?? partition.sizeBytes, skipZeros: options.fresh ?? false, signal: options.signal });
}
