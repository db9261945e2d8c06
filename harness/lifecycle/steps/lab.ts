import type { LimitFunction } from 'p-limit';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import type { Accel } from '../../qemu/types.js';
import type { MasterOutput } from '../types.js';

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
  /** The run's own signal: shared work belongs to the run, not to one scenario. */
  signal: AbortSignal;
  /** Progress: one VM's state changed. */
  onVmState?: (event: { scenario: string; machine: string; state: string; done?: boolean }) => void;
}

/** Builds a shared artifact once per key; later callers wait for the same promise, each with its own signal. */
export async function buildOnce(lab: Lab, key: string, signal: AbortSignal, build: () => Promise<MasterOutput>): Promise<MasterOutput> {
  let promise = lab.shared.get(key);
  if (!promise) {
    promise = build();
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
