import path from 'node:path';
import { withTempDir } from '../disks/temp-path.js';
import { captureWim } from './wim-capture.js';
import { listWimImage, type WimDirEntry } from './wim-dir.js';

/** A kind of metadata a file clone can lose or change. */
export type FidelityKind = 'missing' | 'name-case' | 'short-name' | 'attributes' | 'creation-time' | 'write-time' | 'content' | 'security' | 'streams';

/** What changed for one path. */
export interface FidelityFinding {
  path: string;
  kind: FidelityKind;
  before: string;
  after: string;
}

/** The measured differences between a captured image and the volume it was applied to. */
export interface FidelityReport {
  sourceEntries: number;
  targetEntries: number;
  findings: FidelityFinding[];
  /** Findings per kind, for a one-line summary. */
  counts: Partial<Record<FidelityKind, number>>;
}

/**
 * Measures the fidelity of a file clone: captures the target disk back into a WIM the way the
 * lab captures (NTFS-3G mode for NTFS, mtools for FAT) and compares it, path by path, with the
 * source image. Paths are matched case-insensitively, as FAT and Windows do.
 */
export async function measureFidelity(sourceWim: string, index: number, targetDisk: string): Promise<FidelityReport> {
  const before = await listWimImage(sourceWim, index);
  const after = await withTempDir(async (dir) => {
    const wim = path.join(dir, 'target.wim');
    await captureWim(targetDisk, wim, { compress: 'none' });
    return listWimImage(wim, 1);
  });
  const byPath = new Map(after.map((entry) => [entry.path.toLowerCase(), entry]));
  const findings: FidelityFinding[] = [];
  for (const source of before) {
    if (source.path === '/') continue;
    const target = byPath.get(source.path.toLowerCase());
    findings.push(...compareEntries(source, target));
  }
  const counts: Partial<Record<FidelityKind, number>> = {};
  for (const finding of findings) counts[finding.kind] = (counts[finding.kind] ?? 0) + 1;
  return { sourceEntries: before.length, targetEntries: after.length, findings, counts };
}

/** Lists what differs between one source entry and its target counterpart. */
export function compareEntries(source: WimDirEntry, target: WimDirEntry | undefined): FidelityFinding[] {
  const at = source.path;
  if (!target) return [{ path: at, kind: 'missing', before: 'present', after: 'absent' }];
  const found: FidelityFinding[] = [];
  const add = (kind: FidelityKind, before: string, after: string): void => {
    if (before !== after) found.push({ path: at, kind, before, after });
  };
  add('name-case', path.posix.basename(source.path), path.posix.basename(target.path));
  add('short-name', source.shortName || '(none)', target.shortName || '(none)');
  add('attributes', hex(source.attributes), hex(target.attributes));
  add('creation-time', source.creationTime, target.creationTime);
  add('write-time', source.lastWriteTime, target.lastWriteTime);
  add('content', `${source.size} bytes ${source.hash}`, `${target.size} bytes ${target.hash}`);
  add('security', source.hasSecurityDescriptor ? 'security descriptor' : 'none', target.hasSecurityDescriptor ? 'security descriptor' : 'none');
  add('streams', source.namedStreams.join(',') || '(none)', target.namedStreams.join(',') || '(none)');
  return found;
}

/** Formats file attributes as 0x-hex. */
function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
