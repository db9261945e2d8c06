import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors/errors.js';
import type { Geometry } from '../../disks/types.js';
import { listPartitions } from '../../disks/list-partitions.js';
import { readDiskInfo } from '../../disks/read-disk-info.js';
import { runTool } from '../../disks/run-tool.js';
import { applyWimToDisk } from '../../imaging/apply-wim-to-disk.js';
import type { ImageInspection } from '../../windows/types.js';
import { readFileRange } from '../../host/read-file-range.js';

/** What making a master from a user's Windows image needs. */
export interface MakeMasterInput {
  /** The inspection of the user's image (inspectOne): says whether it is a WIM image or a disk. */
  inspection: ImageInspection;
  out: string;
  workDir: string;
  geometry: Geometry;
  signal: AbortSignal;
}

/**
 * Makes the master disk (raw) from a user's Windows image without booting it, and never writes
 * the original: a WIM image is applied by wimlib straight into a new NTFS volume of the master
 * geometry; a raw or qcow2 disk with one NTFS partition is copied as it is (its disk signature
 * and partition table with it: the master is the deployed disk). Returns the notes to show.
 */
export async function makeWindowsMaster(input: MakeMasterInput): Promise<string[]> {
  const { inspection, out, geometry, signal } = input;
  const ref = inspection.image;
  if (ref.kind === 'wim') {
    if (geometry.filesystem !== 'ntfs') {
      throw new UsageError(`A Windows master is an NTFS volume: the scenario's master geometry asks for ${geometry.filesystem}`, { hint: "leave master.geometry.filesystem out, or set it to 'ntfs'" });
    }
    await applyWimToDisk(ref.path, out, geometry, { index: ref.index ?? 1, signal });
    return [`image ${ref.index ?? 1} of ${ref.path} applied into a new ${Math.round(geometry.sizeBytes / 2 ** 20)} MiB NTFS master (wimlib, NTFS-3G mode)`];
  }
  if (ref.kind !== 'disk') throw new UsageError(`A Windows master comes from a WIM image or a disk image; ${ref.path} is a folder`, { hint: 'capture the folder to a WIM first (wimlib-imagex capture) and give X.wim:1' });
  await mkdir(input.workDir, { recursive: true });
  const copy = path.join(input.workDir, 'master-copy.raw');
  try {
    // qemu-img keeps a raw copy sparse and reads qcow2 (with its backing chain); the original is only read.
    await runTool('qemu-img', ['convert', '-q', '-O', 'raw', ref.path, copy], { file: ref.path, step: 'master-copy', signal });
    const layout = await listPartitions(await readFileRange(copy, 0, 1024 * 1024), (offset, length) => readFileRange(copy, offset, length), ref.path);
    if (layout.partitions.length !== 1) {
      throw new UsageError(`The lab's clone methods take a disk with one NTFS partition; ${ref.path} has ${layout.partitions.length} (${layout.partitions.map((entry) => `${entry.number}: ${entry.typeId}`).join(', ')})`, {
        hint: `capture the Windows partition into a WIM (wimlib-imagex capture) and give X.wim:1, or give that partition as a disk of its own`,
      });
    }
    const info = await readDiskInfo(copy);
    if (info.filesystem !== 'ntfs') throw new UsageError(`${ref.path} holds ${info.filesystem}, not NTFS: not a Windows system volume`);
    await rename(copy, out);
  } finally {
    await rm(copy, { force: true });
  }
  return [`${ref.path} copied as it is (disk signature, partition table and volume kept); the master geometry is not used for a disk image`];
}
