import type { GuestProfile, MasterSpec } from '../../profiles/types.js';
import type { MasterOutput } from '../types.js';
import type { RunContext, SharedBuild } from './run-context.js';
import { reuseOrBuildMaster } from './master-cache.js';

/** Where a shared master lands in the run, and its key in the master cache (see `reuseOrBuildMaster`). */
export interface CacheEntry {
  key: string;
  disk: string;
}

/** A cache entry with the guest profile and master that make it (their build hash is part of the entry). */
export type ProfileCacheEntry = CacheEntry & { profile: GuestProfile; master: MasterSpec };

/**
 * Builds a shared artifact once per key; later callers wait for the same build, each with its own
 * step signal. The build gets a signal of its own that aborts with the run, or when every step
 * waiting for it has been stopped (a phase timeout, a stopped scenario): then nobody wants it, and
 * its VM and tools are stopped within their grace period. A build that failed or was aborted is
 * made again by the next caller (after the aborted one has cleaned up). With a master cache, an
 * artifact built by an earlier run is reused.
 */
export async function buildOnce(context: RunContext, key: string, signal: AbortSignal, build: (signal: AbortSignal) => Promise<MasterOutput>, cacheEntry?: ProfileCacheEntry): Promise<MasterOutput> {
  signal.throwIfAborted();
  let entry = context.shared.get(key);
  if (!entry || entry.controller.signal.aborted) entry = startBuild(context, key, build, cacheEntry, entry?.promise);
  const shared = entry;
  shared.waiters += 1;
  try {
    return await raceAbort(shared.promise, signal);
  } finally {
    shared.waiters -= 1;
    if (shared.waiters === 0 && !shared.settled && signal.aborted) shared.controller.abort(signal.reason);
  }
}

function startBuild(context: RunContext, key: string, build: (signal: AbortSignal) => Promise<MasterOutput>, cacheEntry: ProfileCacheEntry | undefined, previous: Promise<unknown> | undefined): SharedBuild {
  const controller = new AbortController();
  const buildSignal = AbortSignal.any([context.signal, controller.signal]);
  const run = async (): Promise<MasterOutput> => {
    // An aborted build of the same key writes the same files: let it finish cleaning up first.
    await previous?.catch(() => undefined);
    buildSignal.throwIfAborted();
    return build(buildSignal);
  };
  const cacheDir = context.masterCache;
  // The profile's build hash is part of the entry: a new guest build makes new masters.
  const promise = cacheDir && cacheEntry
    ? cacheEntry.profile.buildHash(cacheEntry.master, buildSignal).then((hash) => reuseOrBuildMaster({ cacheDir, key: cacheEntry.key, disk: cacheEntry.disk, guestHash: `${cacheEntry.profile.name}:${hash}` }, run))
    : run();
  const entry: SharedBuild = { promise, controller, waiters: 0, settled: false };
  context.shared.set(key, entry);
  promise.then(() => { entry.settled = true; }, () => {
    entry.settled = true;
    // A failed build may be retried by the next caller.
    if (context.shared.get(key) === entry) context.shared.delete(key);
  });
  return entry;
}

/** Resolves with the promise, or rejects when the signal aborts first. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
