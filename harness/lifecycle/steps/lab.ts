import type { LimitFunction } from 'p-limit';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import type { Accel } from '../../qemu/types.js';
import type { CloneRun, MasterOutput } from '../types.js';
import { buildGuest } from '../../guest/build-guest.js';
import { reuseOrBuildMaster } from './master-cache.js';

/** What every step of a run shares: where to write, how to boot, and the shared work. */
export interface Lab {
  /** The run's output folder. */
  runDir: string;
  accel: Accel;
  catalog: readonly HardwareModel[];
  /** At most `--jobs` VMs at once, across all scenarios. */
  vmSlots: LimitFunction;
  /** Infrastructure retries per clone. */
  retries: number;
  /** Limit of one guest boot. */
  bootTimeoutMs: number;
  /** Masters and generalized masters, built once per key (a lock, not a race). */
  shared: Map<string, Promise<MasterOutput>>;
  /** Folder of masters kept across runs (`--master-cache`); without it every run builds its own. */
  masterCache?: string;
  /** The run's own signal: shared work belongs to the run, not to one scenario. */
  signal: AbortSignal;
  /** One clone finished (booted, failed or errored), as it happens. */
  onCloneEnd?: (scenario: string, clone: CloneRun) => void;
  /** Progress: one VM's state changed. */
  onVmState?: (event: { scenario: string; machine: string; state: string; done?: boolean }) => void;
}

/** Where a shared master lands in the run, and its key in the master cache (see `reuseOrBuildMaster`). */
export interface CacheSlot {
  key: string;
  disk: string;
}

/**
 * Builds a shared artifact once per key; later callers wait for the same promise, each with its
 * own signal. With a master cache, an artifact built by an earlier run is reused.
 */
export async function buildOnce(lab: Lab, key: string, signal: AbortSignal, build: () => Promise<MasterOutput>, slot?: CacheSlot): Promise<MasterOutput> {
  let promise = lab.shared.get(key);
  if (!promise) {
    const cacheDir = lab.masterCache;
    promise = cacheDir && slot ? buildGuest().then(({ hash }) => reuseOrBuildMaster({ cacheDir, ...slot, guestHash: hash }, build)) : build();
    lab.shared.set(key, promise);
    // A failed build may be retried by the next caller.
    promise.catch(() => lab.shared.delete(key));
  }
  return raceAbort(promise, signal);
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
