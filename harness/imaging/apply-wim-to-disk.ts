import { copyFile, readdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';
import { createDisk } from '../disks/create-disk.js';
import { explainFull } from '../disks/explain-full.js';
import { readDiskInfo } from '../disks/read-disk-info.js';
import { makeTempSibling, withTempDir } from '../disks/temp-path.js';
import { renameOrRemove } from '../host/atomic.js';
import { copyIntoVolume, extractVolume } from '../disks/volume-access.js';
import type { Filesystem, Geometry } from '../disks/types.js';
import { applyWim } from '../disks/wim-tool.js';
import { FatNamesError, findFatLosses, leftOut, type FatLoss } from './fat-names.js';
import type { ApplyResult } from './types.js';
import { listWimImage } from './wim-dir.js';
import { keepExistingDescriptors } from './merge-descriptors.js';
import { resolveWimParts } from './wim-parts.js';

/** Options of applyWimToDisk. */
export interface ApplyWimOptions {
  index?: number;
  refs?: readonly string[];
  /** Keep the target's files: the target must exist; its geometry is kept. */
  keepExisting?: boolean;
  /** Onto FAT: apply even when names of the image cannot exist there, leaving them out (listed in `losses`); without it such an apply is refused. */
  lossy?: boolean;
  /** The time a clock-seeded formatter reads, for a geometry with `serial: 'clock'` (default now). */
  formatClock?: number;
  /** Cancels the apply: wimlib, mkfs, mtools and the ntfs-3g tools are stopped. */
  signal?: AbortSignal;
}

/**
 * Applies a WIM image onto a fresh volume of any geometry and filesystem (NTFS: straight into a
 * new mkntfs volume in NTFS-3G mode; FAT: through a host folder and mtools). With keepExisting,
 * the files already on the target survive and clashing names take the WIM's version.
 * Onto FAT, names the image holds that FAT cannot (case twins, forbidden characters, limits)
 * refuse the apply before anything is written, unless `lossy` accepts leaving them out.
 */
export async function applyWimToDisk(wim: string, target: string, geometry: Geometry, options: ApplyWimOptions = {}): Promise<ApplyResult> {
  const index = options.index ?? 1;
  // Checks the WIM (corrupt, truncated, missing split parts) before anything is written.
  const signal = options.signal;
  const refs = await resolveWimParts(wim, options.refs, signal);
  if (options.keepExisting) return applyKeepingExisting(wim, index, refs, target, options.lossy ?? false, signal);
  const notes: string[] = [];
  const losses = await checkFatNames(wim, index, refs, target, geometry.filesystem, options.lossy ?? false, signal);
  try {
    if (geometry.filesystem === 'ntfs') {
      await createDisk(target, geometry, { fillNtfs: (file) => applyWim(wim, index, file, refs, signal), formatClock: options.formatClock, signal });
    } else {
      await withTempDir(async (dir) => {
        const tree = path.join(dir, 'tree');
        await applyWim(wim, index, tree, refs, signal);
        await removeLosses(tree, losses ?? []);
        await createDisk(target, geometry, { fromDir: tree, formatClock: options.formatClock, signal });
      });
      notes.push('applied through a host folder onto FAT: ACLs, alternate data streams, NTFS attributes and short names in the WIM are not carried (see the fidelity report)');
    }
  } catch (error) {
    throw explainFull(error, target);
  }
  const info = await readDiskInfo(target);
  if (losses?.length) notes.push(describeLosses(losses));
  return { method: 'file', target, info, bytesWritten: info.partition.sizeBytes, notes, ...(losses ? { losses } : {}) };
}

/**
 * Onto FAT: lists the image's names that cannot exist there (read from the WIM, before anything
 * is extracted or written); refuses unless `lossy`. Undefined for NTFS, which holds them all.
 */
async function checkFatNames(wim: string, index: number, refs: readonly string[], target: string, filesystem: Filesystem, lossy: boolean, signal?: AbortSignal): Promise<FatLoss[] | undefined> {
  if (filesystem === 'ntfs' || filesystem === 'ext4') return undefined;
  const entries = await listWimImage(wim, index, refs, signal);
  // 0x10: FILE_ATTRIBUTE_DIRECTORY
  const losses = findFatLosses(entries.map((entry) => ({ path: entry.path, isDir: (entry.attributes & 0x10) !== 0, size: entry.size })), { filesystem });
  if (losses.length > 0 && !lossy) throw new FatNamesError(target, filesystem, `image ${index} of ${wim}`, losses);
  return losses;
}

/** Removes from the extracted host tree what a lossy apply leaves out (a host folder holds every name FAT cannot). */
async function removeLosses(tree: string, losses: readonly FatLoss[]): Promise<void> {
  for (const file of leftOut(losses)) {
    const where = path.join(tree, ...file.split('/').filter(Boolean));
    // The folder keeps the times the WIM gave it (removing an entry would make them now).
    const parent = await stat(path.dirname(where));
    // No `force`: a left-out path missing from the extracted tree would mean the names were misread.
    await rm(where, { recursive: true });
    await utimes(path.dirname(where), parent.atime, parent.mtime);
  }
}

/** The note of a lossy apply: how many names were left out or kept in place of a twin. */
function describeLosses(losses: readonly FatLoss[]): string {
  const out = losses.filter((loss) => !loss.written).length;
  return `lossy apply onto FAT: ${losses.length} name${losses.length === 1 ? '' : 's'} of the image cannot exist on FAT; ${out} left out, ${losses.length - out} kept in place of a case twin (listed in losses)`;
}

/** Non-destructive apply: works on a copy of the target, renamed over it at the end. */
async function applyKeepingExisting(wim: string, index: number, refs: readonly string[], target: string, lossy: boolean, signal?: AbortSignal): Promise<ApplyResult> {
  const before = await readDiskInfo(target).catch((error: unknown) => {
    throw new UsageError(`Cannot apply onto ${target} keeping its files: ${(error as Error).message}`, { cause: error });
  });
  const losses = await checkFatNames(wim, index, refs, target, before.filesystem, lossy, signal);
  const temporary = makeTempSibling(path.resolve(target));
  try {
    return await withTempDir(async (dir) => {
      const incoming = path.join(dir, 'incoming');
      const existing = path.join(dir, 'existing');
      await applyWim(wim, index, incoming, refs, signal);
      await removeLosses(incoming, losses ?? []);
      await extractVolume(target, existing, signal);
      const incomingFiles = await walk(incoming);
      const existingFiles = await walk(existing);
      const clashes = findClashes(incomingFiles, existingFiles);
      const keptDescriptors = await keepExistingDescriptors(incoming, existing, incomingFiles, existingFiles);
      await copyFile(target, temporary);
      await copyIntoVolume(temporary, incoming, '/', signal);
      await renameOrRemove(temporary, target);
      const info = await readDiskInfo(target);
      const notes = [`existing files kept; ${clashes.length} name clash${clashes.length === 1 ? '' : 'es'} replaced by the WIM's version (names compared case-insensitively, as FAT and Windows do)`];
      if (keptDescriptors > 0) notes.push(`the security descriptors of ${keptDescriptors} kept file${keptDescriptors === 1 ? '' : 's'} were carried into the WIM's descriptor file (a file keeps its ACL, as on NTFS)`);
      if (before.filesystem === 'ntfs') notes.push('NTFS: the volume was rebuilt from a capture of itself plus the WIM tree (wimlib cannot apply onto a non-empty volume); its serial was kept');
      if (losses?.length) notes.push(describeLosses(losses));
      return { method: 'file' as const, target, info, bytesWritten: info.partition.sizeBytes, notes, clashes, ...(losses ? { losses } : {}) };
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
