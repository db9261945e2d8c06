import { truncate, writeFile } from 'node:fs/promises';
import type { PartitionLayout } from './partition-layout.js';
import { runTool } from './run-tool.js';
import type { Geometry } from './types.js';

/** Formats the FAT partition of a disk in place (mkfs.fat at an offset, size in KiB). */
export async function formatFat(disk: string, geometry: Geometry, layout: PartitionLayout): Promise<void> {
  const args = [
    '-F', geometry.filesystem === 'fat16' ? '16' : '32', '-S', String(geometry.sectorSize),
    '-s', String((geometry.clusterSize ?? geometry.sectorSize) / geometry.sectorSize),
    '--offset', String(layout.startSector), '-h', String(layout.startSector), '-n', geometry.label || 'NO NAME',
    // mkfs.fat counts --offset in logical sectors of -S but the size in KiB.
    disk, String(Math.floor(layout.sizeBytes / 1024)),
  ];
  await runTool('mkfs.fat', args, { file: disk, phase: 'mkfs' });
}

/** Makes a fresh NTFS volume in its own file (mkntfs cannot work at an offset). */
export async function makeNtfsPartitionFile(file: string, geometry: Geometry, layout: PartitionLayout): Promise<void> {
  await writeFile(file, '');
  await truncate(file, layout.sizeBytes);
  const args = [
    '-q', '-F', '-Q', '-s', String(geometry.sectorSize), '-c', String(geometry.clusterSize ?? 4096),
    '-p', String(layout.startSector), '-H', '255', '-S', '63', '-L', geometry.label ?? '', file,
  ];
  await runTool('mkntfs', args, { file, phase: 'mkfs' });
}
