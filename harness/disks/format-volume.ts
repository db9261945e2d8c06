import { truncate, writeFile } from 'node:fs/promises';
import { invalidInput } from '../errors/errors.js';
import type { PartitionLayout } from './partition-layout.js';
import { runTool } from './run-tool.js';
import type { Geometry } from './types.js';

/** Formats the FAT partition of a disk in place (mkfs.fat at an offset, size in KiB) with the given 8-digit hex serial. */
export async function formatFat(disk: string, geometry: Geometry, layout: PartitionLayout, serial: string, signal?: AbortSignal): Promise<void> {
  if (!/^[0-9A-Fa-f]{8}$/.test(serial)) throw invalidInput('FAT volume serial', '8 hex digits', serial);
  const args = [
    '-F', geometry.filesystem === 'fat16' ? '16' : '32', '-S', String(geometry.sectorSize), '-i', serial,
    '-s', String((geometry.clusterSize ?? geometry.sectorSize) / geometry.sectorSize),
    '--offset', String(layout.startSector), '-h', String(layout.startSector), '-n', geometry.label || 'NO NAME',
    // mkfs.fat counts --offset in logical sectors of -S but the size in KiB.
    disk, String(Math.floor(layout.sizeBytes / 1024)),
  ];
  await runTool('mkfs.fat', args, { file: disk, step: 'mkfs', signal });
}

/**
 * Makes a fresh NTFS volume in its own file (mkntfs cannot work at an offset) with the given
 * 16-digit hex serial. mkntfs has no serial option, so ntfslabel sets it afterwards, in the boot
 * sector and in its backup in the last sector (8 ms, measured).
 */
export async function makeNtfsPartitionFile(file: string, geometry: Geometry, layout: PartitionLayout, serial: string, signal?: AbortSignal): Promise<void> {
  // ntfslabel takes 0 as "pick a random one", so an all-zero serial cannot be kept.
  if (!/^[0-9A-Fa-f]{16}$/.test(serial) || /^0+$/.test(serial)) throw invalidInput('NTFS volume serial', '16 hex digits, not all zero', serial);
  await writeFile(file, '');
  await truncate(file, layout.sizeBytes);
  const args = [
    '-q', '-F', '-Q', '-s', String(geometry.sectorSize), '-c', String(geometry.clusterSize ?? 4096),
    '-p', String(layout.startSector), '-H', '255', '-S', '63', '-L', geometry.label ?? '', file,
  ];
  await runTool('mkntfs', args, { file, step: 'mkfs', signal });
  await runTool('ntfslabel', [`--new-serial=${serial}`, file], { file, step: 'mkfs', signal });
}
