/**
 * What a run leaves on disk (`clonelab run --keep`): `failures` (default) keeps disks and boot
 * files only for cells that did not end as expected, `all` keeps everything, `none` keeps no
 * disk. Logs, console and agent logs, screenshots and repro scripts are always kept.
 */
export type RetentionPolicy = 'failures' | 'all' | 'none';

/** The policies, in the order `--help` names them. */
export const RETENTION_POLICIES: readonly RetentionPolicy[] = ['failures', 'all', 'none'];

/** The kinds of files a run writes, as retention sees them. */
export type RunFileKind = 'disk' | 'boot-file' | 'image' | 'master' | 'evidence';

/** What to delete of one cell (a scenario's clone, or the scenario's captured image). */
export interface CellRemoval {
  disk: boolean;
  bootFiles: boolean;
  image: boolean;
}

/**
 * Decides what of one cell goes, from how it ended and the policy. A cell of a scenario that
 * did not end as expected keeps its disks under `failures`: fleet checks judge the clones
 * together, so every clone of a failing fleet is evidence. Evidence files are never deleted.
 * @example decideCellRemoval({ asExpected: true }, 'failures') // { disk: true, bootFiles: true, image: true }
 */
export function decideCellRemoval(cell: { asExpected: boolean }, policy: RetentionPolicy): CellRemoval {
  const remove = policy === 'none' || (policy === 'failures' && cell.asExpected);
  return { disk: remove, bootFiles: remove, image: remove };
}

/** Masters (installed, generalized) go at the end unless they are cached or everything is kept. */
export function decideMasterRemoval(policy: RetentionPolicy, masterCache: boolean): boolean {
  return policy !== 'all' && !masterCache;
}

/** A scenario status that counts as ended as expected. */
export function endedAsExpected(status: string): boolean {
  return status === 'passed' || status === 'reproduced';
}

/**
 * Names the kind of a file of the output folder from its path relative to the folder (`/`
 * separated): disks of clones, boot files (links of the boot folders and the content store),
 * captured images, master images; everything else (logs, screenshots, runqemu.sh, reports) is evidence.
 */
export function classifyRunFile(relative: string): RunFileKind {
  const parts = relative.split('/');
  const name = parts.at(-1) ?? '';
  if (parts[0] === 'masters' && /\.img($|\.)/.test(name) && parts.length === 3) return 'master';
  if (parts.at(-2) === 'boot-files' && name.startsWith('sha256-')) return 'boot-file';
  if ((name === 'vmlinux' || name === 'loader.img') && parts.length >= 2) return 'boot-file';
  if (parts[0] === 'scenarios' && parts[2] === 'clones' && parts.length === 5 && /^disk\.(img|qcow2)$/.test(name)) return 'disk';
  if (parts[0] === 'scenarios' && parts.length === 3 && /^capture\b/.test(name)) return 'image';
  return 'evidence';
}
