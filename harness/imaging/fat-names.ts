// Which names of an image cannot exist on FAT: decided before anything is written, from the
// image's own listing, so that a file clone onto FAT never drops or merges files silently.
import path from 'node:path';
import {
  FAT16_ROOT_ENTRIES, FAT_FORBIDDEN_CHARACTERS, FAT_LONG_NAME_UNITS_PER_ENTRY, FAT_MAX_DIR_ENTRIES, FAT_MAX_FILE_BYTES, FAT_MAX_NAME_UNITS, FAT_MAX_PATH_UNITS,
} from '../disks/fat-limits.js';
import { UsageError } from '../errors/errors.js';

/** Why a name cannot exist on FAT as it is. */
export type FatLossReason = 'case-collision' | 'forbidden-character' | 'trailing-dot-or-space' | 'name-too-long' | 'path-too-long' | 'file-too-large' | 'directory-full';

/** One name of an image that FAT cannot hold, and what a lossy apply does with it. */
export interface FatLoss {
  /** Path in the image, `/a/b` form. */
  path: string;
  reason: FatLossReason;
  /** The rule it breaks, with the values compared. */
  detail: string;
  /**
   * What a lossy apply writes: false = left out (with everything under it); true = written, but
   * something is still lost (the case twin kept in place of the others).
   */
  written: boolean;
}

/** One entry of an image listing (a WIM's `dir` or a host tree). */
export interface TreeEntry {
  path: string;
  isDir: boolean;
  size: number;
}

/** The FAT type of the target (the FAT16 root has a fixed size). */
export interface FatNameRules {
  filesystem: 'fat16' | 'fat32';
}

const FORBIDDEN = new RegExp(`[${FAT_FORBIDDEN_CHARACTERS.replace(/[\\\]^-]/g, '\\$&')}\\u0000-\\u001f]`, 'u');
// Characters an 8.3 short name may hold besides letters and digits.
const SHORT_NAME_PART = /^[A-Za-z0-9!#$%&'()@^_`{}~-]+$/;

/**
 * Lists every name of a tree that cannot exist on FAT: names equal under FAT's case folding in
 * one folder (or equal once Windows strips trailing dots and spaces), forbidden characters,
 * names over 255 or paths over 256 UTF-16 units, files of 4 GiB or more, and folders with
 * more entries than FAT gives them. Everything under a left-out folder goes with it and is not
 * listed again. Of case twins, the first in code-unit order is the one a lossy apply keeps.
 * @example findFatLosses([{ path: '/Docs/a.txt', isDir: false, size: 1 }, { path: '/Docs/A.TXT', isDir: false, size: 1 }], { filesystem: 'fat16' })
 */
export function findFatLosses(entries: readonly TreeEntry[], rules: FatNameRules): FatLoss[] {
  const children = new Map<string, TreeEntry[]>();
  for (const entry of entries) {
    if (entry.path === '/' || entry.path === '') continue;
    const parent = path.posix.dirname(entry.path);
    const siblings = children.get(parent);
    if (siblings) siblings.push(entry);
    else children.set(parent, [entry]);
  }
  const countBelow = (folder: string): number => (children.get(folder) ?? []).reduce((sum, child) => sum + 1 + (child.isDir ? countBelow(child.path) : 0), 0);
  const losses: FatLoss[] = [];
  const visit = (folder: string): void => {
    const inFolder = [...(children.get(folder) ?? [])].sort((a, b) => compareUnits(a.path, b.path));
    const written: TreeEntry[] = [];
    const lose = (entry: TreeEntry, reason: FatLossReason, detail: string, kept = false): void => {
      const below = entry.isDir && !kept ? countBelow(entry.path) : 0;
      losses.push({ path: entry.path, reason, detail: below ? `${detail}; left out with the ${below} entr${below === 1 ? 'y' : 'ies'} under it` : detail, written: kept });
    };
    for (const entry of inFolder) {
      const problem = checkOwnName(entry);
      if (problem) lose(entry, problem.reason, problem.detail);
      else written.push(entry);
    }
    const kept: TreeEntry[] = [];
    for (const group of groupBy(written, (entry) => foldName(path.posix.basename(entry.path)))) {
      if (group.length === 1) {
        kept.push(group[0]!);
        continue;
      }
      const names = group.map((entry) => path.posix.basename(entry.path));
      const [first, ...others] = group;
      const detail = `${names.map((name) => JSON.stringify(name)).join(', ')} in ${folder} are one name on FAT (case-insensitive)`;
      lose(first!, 'case-collision', `${detail}; a lossy apply keeps this one`, true);
      for (const other of others) lose(other, 'case-collision', `${detail}; a lossy apply keeps ${JSON.stringify(names[0])}`);
      kept.push(first!);
    }
    const capacity = folder === '/' ? (rules.filesystem === 'fat16' ? FAT16_ROOT_ENTRIES - 1 : FAT_MAX_DIR_ENTRIES) : FAT_MAX_DIR_ENTRIES - 2;
    let used = 0;
    const fitting: TreeEntry[] = [];
    for (const entry of kept.sort((a, b) => compareUnits(a.path, b.path))) {
      const needed = countDirectoryEntries(path.posix.basename(entry.path));
      if (used + needed <= capacity) {
        used += needed;
        fitting.push(entry);
      } else {
        const fixedRoot = folder === '/' && rules.filesystem === 'fat16' ? ' (the fixed FAT16 root; one is the volume label)' : '';
        lose(entry, 'directory-full', `needs ${needed} directory entr${needed === 1 ? 'y' : 'ies'}; ${folder} holds at most ${capacity} on ${rules.filesystem}${fixedRoot} and the names before it take ${used}`);
      }
    }
    for (const entry of fitting) if (entry.isDir) visit(entry.path);
  };
  visit('/');
  return losses.sort((a, b) => compareUnits(a.path, b.path));
}

/** The rules one entry breaks by itself (name, path length, size), first one only. */
function checkOwnName(entry: TreeEntry): { reason: FatLossReason; detail: string } | undefined {
  const name = path.posix.basename(entry.path);
  const forbidden = FORBIDDEN.exec(name)?.[0];
  if (forbidden !== undefined) return { reason: 'forbidden-character', detail: `contains ${JSON.stringify(forbidden)}; FAT names cannot hold ${FAT_FORBIDDEN_CHARACTERS} or control characters` };
  if (/[. ]$/.test(name)) return { reason: 'trailing-dot-or-space', detail: `ends in ${name.endsWith('.') ? 'a dot' : 'a space'}, which Windows strips from FAT names (it would open ${JSON.stringify(name.replace(/[. ]+$/, ''))})` };
  if (name.length > FAT_MAX_NAME_UNITS) return { reason: 'name-too-long', detail: `name of ${name.length} UTF-16 units; FAT long names hold at most ${FAT_MAX_NAME_UNITS}` };
  const below = entry.path.replace(/^\/+/, '');
  if (below.length > FAT_MAX_PATH_UNITS) return { reason: 'path-too-long', detail: `path of ${below.length} UTF-16 units below the root; FAT paths hold at most ${FAT_MAX_PATH_UNITS} (260 with drive and NUL)` };
  if (!entry.isDir && entry.size > FAT_MAX_FILE_BYTES) return { reason: 'file-too-large', detail: `${entry.size} bytes; a FAT file holds at most ${FAT_MAX_FILE_BYTES} (4 GiB - 1)` };
  return undefined;
}

/** A name as FAT compares it: trailing dots and spaces stripped, upper-cased one character at a time (Windows' upcase table maps 1:1). */
export function foldName(name: string): string {
  let folded = '';
  for (const char of name.replace(/[. ]+$/, '')) {
    const upper = char.toUpperCase();
    folded += upper.length === char.length ? upper : char;
  }
  return folded;
}

/** Directory entries a name takes: one 8.3 entry, plus 13 characters per long-name entry unless the 8.3 entry holds it (NT's lower-case flags cover an all-lower base or extension). */
export function countDirectoryEntries(name: string): number {
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  const uniform = (part: string): boolean => part === part.toUpperCase() || part === part.toLowerCase();
  const fitsShort = base.length >= 1 && base.length <= 8 && ext.length <= 3 && SHORT_NAME_PART.test(base) && (ext === '' || SHORT_NAME_PART.test(ext)) && uniform(base) && uniform(ext)
    && !(dot > 0 && ext === '');
  return fitsShort ? 1 : 1 + Math.ceil(name.length / FAT_LONG_NAME_UNITS_PER_ENTRY);
}

/** The paths a lossy apply leaves out (a left-out folder takes what is under it). */
export function leftOut(losses: readonly FatLoss[]): string[] {
  return losses.filter((loss) => !loss.written).map((loss) => loss.path);
}

/** Formats losses one per line: `  /path: reason: detail`. */
export function formatFatLosses(losses: readonly FatLoss[]): string {
  return losses.map((loss) => `  ${loss.path}: ${loss.reason}: ${loss.detail}`).join('\n');
}

/** An apply onto FAT refused because names of the image cannot exist there. */
export class FatNamesError extends UsageError {
  /** The disk that was not written. */
  readonly target: string;
  readonly filesystem: 'fat16' | 'fat32';
  /** Every offending name with its reason. */
  readonly losses: FatLoss[];

  constructor(target: string, filesystem: 'fat16' | 'fat32', source: string, losses: FatLoss[]) {
    super(`Refused to apply ${source} onto ${target} (${filesystem}): ${losses.length} name${losses.length === 1 ? '' : 's'} of the image cannot exist on ${filesystem}; nothing was written:\n${formatFatLosses(losses)}`, {
      step: 'apply', hint: 'accept the loss explicitly to apply without them (CLI: --lossy; API: { lossy: true }; scenario: capture.lossy), and each loss is listed in the result',
    });
    this.target = target;
    this.filesystem = filesystem;
    this.losses = losses;
  }
}

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return [...groups.values()];
}
