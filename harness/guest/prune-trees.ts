import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

// A day: another process may still boot from a tree it just found, so only stale ones go.
const STALE_MS = 24 * 60 * 60 * 1000;

/** Removes cached guest trees other than `keep` that were not built within the last day. */
export async function pruneStaleTrees(guestCache: string, keep: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const names = await readdir(guestCache).catch(() => [] as string[]);
  for (const name of names.filter((entry) => /^tree-[0-9a-f]{16}$/.test(entry) && entry !== keep)) {
    const folder = path.join(guestCache, name);
    const info = await stat(folder).catch(() => undefined);
    if (info && now - info.mtimeMs > STALE_MS) {
      await rm(folder, { recursive: true, force: true });
      removed.push(folder);
    }
  }
  return removed;
}
