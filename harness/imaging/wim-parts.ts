import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';
import { readWimHeader } from './wim-info.js';

/**
 * Finds and checks the parts of a split WIM: the given refs, or the siblings named like the
 * first part (`x.swm`, `x2.swm`, ...). A missing part is a clear error naming it, not wimlib's.
 */
export async function resolveWimParts(wim: string, refs?: readonly string[], signal?: AbortSignal): Promise<string[]> {
  const first = await readWimHeader(wim, signal);
  if (first.totalParts <= 1) return [];
  const stem = path.basename(wim, path.extname(wim));
  const candidates = refs ?? (await readdir(path.dirname(wim))).filter((name) => name.startsWith(stem) && name.endsWith(path.extname(wim))).map((name) => path.join(path.dirname(wim), name));
  const found = new Map<number, string>([[first.partNumber, wim]]);
  for (const candidate of candidates) {
    if (path.resolve(candidate) === path.resolve(wim)) continue;
    const info = await readWimHeader(candidate, signal);
    found.set(info.partNumber, candidate);
  }
  const missing = Array.from({ length: first.totalParts }, (_, i) => i + 1).filter((part) => !found.has(part));
  if (missing.length > 0) {
    throw new UsageError(`Split WIM ${wim} is incomplete: part${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${first.totalParts} missing.`, { hint: `put all parts next to ${wim} (named ${stem}N${path.extname(wim)})` });
  }
  return [...found.values()].filter((part) => part !== wim);
}
