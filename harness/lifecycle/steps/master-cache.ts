import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDirAtomic } from '../../host/atomic.js';
import { linkOrCopy } from '../../host/link-or-copy.js';
import type { IdentityItem } from '../../probe/identity.js';
import type { MasterOutput } from '../types.js';

/** Where a master is kept across runs, and where this run wants it. */
export interface MasterCacheEntry {
  cacheDir: string;
  /** Everything the disk depends on besides the guest build. */
  key: string;
  /** Hash of the guest build (`buildGuest().hash`): a new guest build makes new masters. */
  guestHash: string;
  /** Where the run wants the master disk. */
  disk: string;
}

/** What a cache entry keeps besides the disk. */
interface EntryFacts {
  key: string;
  guestHash: string;
  identity?: IdentityItem;
  /** Entries written before guest profiles: the reference guest's SID. */
  machineSid?: string;
  partitionBytes?: number;
  createdAt: string;
}

/**
 * Reuses a built master (installed or generalized) from the cache folder when one was built from
 * the same description and the same guest build, else builds it and keeps it there. The run gets
 * its own hard link (or sparse copy) at `disk`, so its output folder stays self-contained; the
 * cached disk is read-only like every master, so sharing its inode is safe.
 *
 * The key must name everything the disk depends on besides the guest build (for a generalized
 * master: the master's own identity, so that it never outlives the master it came from).
 *
 * @example
 * const master = await reuseOrBuildMaster({ cacheDir, key: 'master:desktop-e1000-1a2b', guestHash, disk }, install);
 */
export async function reuseOrBuildMaster(cacheEntry: MasterCacheEntry, build: () => Promise<MasterOutput>): Promise<MasterOutput> {
  const { cacheDir, key, disk, guestHash } = cacheEntry;
  const entryDir = path.join(path.resolve(cacheDir), entryName(key, guestHash));
  const cached = await readEntry(entryDir);
  if (cached) {
    await mkdir(path.dirname(disk), { recursive: true });
    await rm(disk, { force: true });
    await linkOrCopy(path.join(entryDir, 'disk.img'), disk);
    return {
      disk, reusedFrom: entryDir,
      ...(cached.identity ? { identity: cached.identity } : cached.machineSid ? { identity: { kind: 'machine-sid' as const, value: cached.machineSid } } : {}),
      ...(cached.partitionBytes !== undefined ? { partitionBytes: cached.partitionBytes } : {}),
    };
  }
  // An incomplete entry (a crash while it was made by hand, a deleted file) is made again.
  await rm(entryDir, { recursive: true, force: true });
  const built = await build();
  const facts: EntryFacts = {
    key, guestHash, createdAt: new Date().toISOString(),
    ...(built.identity ? { identity: built.identity } : {}),
    ...(built.partitionBytes !== undefined ? { partitionBytes: built.partitionBytes } : {}),
  };
  await makeDirAtomic(entryDir, async (temporary) => {
    await linkOrCopy(built.disk, path.join(temporary, 'disk.img'));
    await writeFile(path.join(temporary, 'entry.json'), `${JSON.stringify(facts, null, 2)}\n`);
  });
  return built;
}

/** Removes the entries made for other guest builds (they can never be reused); returns their names. */
export async function pruneMasterCache(cacheDir: string, guestHash: string): Promise<string[]> {
  const names = await readdir(cacheDir).catch(() => []);
  const stale: string[] = [];
  for (const name of names) {
    const facts = await readEntry(path.join(cacheDir, name));
    if (facts?.guestHash === guestHash) continue;
    await rm(path.join(cacheDir, name), { recursive: true, force: true });
    stale.push(name);
  }
  return stale;
}

/** A readable folder name: the key's safe characters, plus a hash of key and guest build. */
export function entryName(key: string, guestHash: string): string {
  const readable = key.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80);
  return `${readable}-${createHash('sha256').update(`${key}\n${guestHash}`).digest('hex').slice(0, 12)}`;
}

/** The entry's facts, or undefined when it is missing or incomplete (then it is rebuilt). */
async function readEntry(entryDir: string): Promise<EntryFacts | undefined> {
  if (!existsSync(path.join(entryDir, 'disk.img'))) return undefined;
  try {
    return JSON.parse(await readFile(path.join(entryDir, 'entry.json'), 'utf8')) as EntryFacts;
  } catch {
    return undefined;
  }
}
