import { copyFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';
import { createDisk } from '../disks/create-disk.js';
import { explainFull } from '../disks/explain-full.js';
import { readDiskInfo } from '../disks/read-disk-info.js';
import { makeTempSibling, withTempDir } from '../disks/temp-path.js';
import { renameOrRemove } from '../disks/ntfs-volume.js';
import { copyIntoVolume, extractVolume } from '../disks/volume-access.js';
import type { Geometry } from '../disks/types.js';
import { applyWim } from '../disks/wim-tool.js';
import type { ApplyResult } from './types.js';
import { keepExistingDescriptors } from './merge-descriptors.js';
import { resolveWimParts } from './wim-parts.js';

/** Options of applyWimToDisk. */
export interface ApplyWimOptions {
  index?: number;
  refs?: readonly string[];
  /** Keep the target's files: the target must exist; its geometry is kept. */
  keepExisting?: boolean;
  /** The time a clock-seeded formatter reads, for a geometry with `serial: 'clock'` (default now). */
  formatClock?: number;
}

/**
 * Applies a WIM image onto a fresh volume of any geometry and filesystem (NTFS: straight into a
 * new mkntfs volume in NTFS-3G mode; FAT: through a host folder and mtools). With keepExisting,
 * the files already on the target survive and clashing names take the WIM's version.
 */
export async function applyWimToDisk(wim: string, target: string, geometry: Geometry, options: ApplyWimOptions = {}): Promise<ApplyResult> {
  const index = options.index ?? 1;
  // Checks the WIM (corrupt, truncated, missing split parts) before anything is written.
  const refs = await resolveWimParts(wim, options.refs);
  if (options.keepExisting) return applyKeepingExisting(wim, index, refs, target);
  const notes: string[] = [];
  try {
    if (geometry.filesystem === 'ntfs') {
      await createDisk(target, geometry, { fillNtfs: (file) => applyWim(wim, index, file, refs), formatClock: options.formatClock });
    } else {
      await withTempDir(async (dir) => {
        const tree = path.join(dir, 'tree');
        await applyWim(wim, index, tree, refs);
        await createDisk(target, geometry, { fromDir: tree, formatClock: options.formatClock });
      });
      notes.push('applied through a host folder onto FAT: ACLs, alternate data streams, NTFS attributes and short names in the WIM are not carried (see the fidelity report)');
    }
  } catch (error) {
    throw explainFull(error, target);
  }
  const info = await readDiskInfo(target);
  return { method: 'file', target, info, bytesWritten: info.partition.sizeBytes, notes };
}

/** Non-destructive apply: works on a copy of the target, renamed over it at the end. */
async function applyKeepingExisting(wim: string, index: number, refs: readonly string[], target: string): Promise<ApplyResult> {
  const before = await readDiskInfo(target).catch((error: unknown) => {
    throw new UsageError(`Cannot apply onto ${target} keeping its files: ${(error as Error).message}`, { cause: error });
  });
  const temporary = makeTempSibling(path.resolve(target));
  try {
    return await withTempDir(async (dir) => {
      const incoming = path.join(dir, 'incoming');
      const existing = path.join(dir, 'existing');
      await applyWim(wim, index, incoming, refs);
      await extractVolume(target, existing);
      const incomingFiles = await walk(incoming);
      const existingFiles = await walk(existing);
      const clashes = findClashes(incomingFiles, existingFiles);
      const keptDescriptors = await keepExistingDescriptors(incoming, existing, incomingFiles, existingFiles);
      await copyFile(target, temporary);
      await copyIntoVolume(temporary, incoming, '/');
      await renameOrRemove(temporary, target);
      const info = await readDiskInfo(target);
      const notes = [`existing files kept; ${clashes.length} name clash${clashes.length === 1 ? '' : 'es'} replaced by the WIM's version (names compared case-insensitively, as FAT and Windows do)`];
      if (keptDescriptors > 0) notes.push(`the security descriptors of ${keptDescriptors} kept file${keptDescriptors === 1 ? '' : 's'} were carried into the WIM's descriptor file (a file keeps its ACL, as on NTFS)`);
      if (before.filesystem === 'ntfs') notes.push('NTFS: the volume was rebuilt from a capture of itself plus the WIM tree (wimlib cannot apply onto a non-empty volume); its serial was kept');
      return { method: 'file' as const, target, info, bytesWritten: info.partition.sizeBytes, notes, clashes };
    });
  } catch (error) {
    await rm(temporary, { force: true });
    throw explainFull(error, target);
  }
}

/** Lists every file (not folder) under a host folder as `/a/b` paths. */
async function walk(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => `/${path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`);
}

/** Paths present in both lists, compared case-insensitively. */
function findClashes(incoming: string[], existing: string[]): string[] {
  const known = new Set(existing.map((file) => file.toLowerCase()));
  return incoming.filter((file) => known.has(file.toLowerCase())).sort();
}
