import type { Geometry } from './types.js';

/** Size of a GPT partition-entry array (128 entries of 128 bytes). */
export const GPT_ENTRIES_BYTES = 128 * 128;

/** Where the one partition of a geometry lies, in sectors and bytes. */
export interface PartitionLayout {
  diskSectors: number;
  startSector: number;
  sectors: number;
  startBytes: number;
  sizeBytes: number;
  /** First sector a partition may use (after the table). */
  firstUsable: number;
  /** Last sector a partition may use (before the GPT backup). */
  lastUsable: number;
}

/** Computes the partition of a geometry: from its start to the last usable sector. */
export function computePartitionLayout(geometry: Pick<Geometry, 'sizeBytes' | 'table' | 'partitionStart' | 'sectorSize'>): PartitionLayout {
  const diskSectors = Math.floor(geometry.sizeBytes / geometry.sectorSize);
  const entrySectors = GPT_ENTRIES_BYTES / geometry.sectorSize;
  const firstUsable = geometry.table === 'gpt' ? 2 + entrySectors : 1;
  const lastUsable = geometry.table === 'gpt' ? diskSectors - 2 - entrySectors : diskSectors - 1;
  const sectors = Math.max(0, lastUsable - geometry.partitionStart + 1);
  return {
    diskSectors, startSector: geometry.partitionStart, sectors, firstUsable, lastUsable,
    startBytes: geometry.partitionStart * geometry.sectorSize, sizeBytes: sectors * geometry.sectorSize,
  };
}
