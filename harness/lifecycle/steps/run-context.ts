import type { LimitFunction } from 'p-limit';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import type { Accel } from '../../qemu/types.js';
import type { CloneRun, MasterOutput } from '../types.js';

// Declared here, beside the map that holds it, so that build-once.ts (which fills the map) and
// this file do not import each other.
/** A master built once for every scenario that needs it; it runs while at least one step waits for it. */
export interface SharedBuild {
  promise: Promise<MasterOutput>;
  /** Aborts the build (its VM and tools) once the last step waiting for it left. */
  controller: AbortController;
  /** Steps waiting for it now. */
  waiters: number;
  settled: boolean;
}

/**
 * What every step of a run shares: where to write, how to boot, and the shared work. (Named for
 * the run it belongs to; the test helpers' scratch folders and fakes have names of their own.)
 */
export interface RunContext {
  /** The run's output folder. */
  runDir: string;
  accel: Accel;
  catalog: readonly HardwareModel[];
  /** Permits to run a VM: at most `--jobs` VMs at once, across all scenarios. */
  vmPermits: LimitFunction;
  /** Infrastructure retries per clone. */
  retries: number;
  /** Limit of one guest boot. */
  bootTimeoutMs: number;
  /** Masters and generalized masters, built once per key (a lock, not a race): see `buildOnce`. */
  shared: Map<string, SharedBuild>;
  /** Folder of masters kept across runs (`--master-cache`); without it every run builds its own. */
  masterCache?: string;
  /** The run's own signal: aborts everything (shared builds too); each step also has its own. */
  signal: AbortSignal;
  /** One clone finished (booted, failed or errored), as it happens. */
  onCloneEnd?: (scenario: string, clone: CloneRun) => void;
  /** Progress: one VM's state changed. */
  onVmState?: (event: { scenario: string; machine: string; state: string; done?: boolean }) => void;
}
