import type { OutcomeVerdict } from '../checks/evaluate-outcome.js';
import type { CheckResult, CloneFacts } from '../checks/types.js';
import type { Expectation } from '../spec/schema.js';
import type { Phase } from '../errors/phase.js';
import type { BisectRecord } from './bisect-record.js';
import type { RepeatRecord } from './repeat-record.js';

export type { CheckResult, OutcomeVerdict, Phase };
export type { BisectRecord, BisectStep, BisectVerdict } from './bisect-record.js';
export type { FailureRate, RepeatRecord } from './repeat-record.js';

/** One lifecycle transition, with its time (ms since the epoch). */
export interface TimelineEntry {
  state: string;
  at: number;
}

/**
 * An error that ended a phase or a clone: infrastructure (may be retried), bad input (never
 * retried), or a bug of clonelab (internal).
 */
export interface ErrorRecord {
  kind: 'infrastructure' | 'usage' | 'internal';
  /** The lifecycle phase it ended; a clone's errors are in `targets`. */
  phase: Phase;
  /**
   * What was running, in the words of the code that failed: `vm-start`, `wim-apply`,
   * `placement`, `stage-tree`, a clone's `apply`/`boot`/`probe`, … (the phase itself when
   * nothing more precise is known).
   */
  step: string;
  message: string;
  timedOut: boolean;
  machine?: string;
}

/** Files a clone run leaves behind for the report and for reproducing it. */
export interface CloneArtifacts {
  consoleLog?: string;
  agentLog?: string;
  screenshot?: string;
  runScript?: string;
  disk?: string;
}

/** One clone's run: apply → boot → probe. */
export interface CloneRun {
  cloneId: string;
  machine: string;
  /** `inspected`: a Windows image read offline (`clonelab inspect`), never booted. */
  status: 'booted' | 'inspected' | 'refused' | 'errored';
  facts?: CloneFacts;
  error?: ErrorRecord;
  timeline: TimelineEntry[];
  artifacts: CloneArtifacts;
  /** Seconds from QEMU start to the probe report (or the end of the boot). */
  bootSeconds?: number;
  attempts: number;
  notes: string[];
  /** What of this clone's folder the run left on disk (`--keep`); absent in results written before retention. */
  kept?: KeptFiles;
}

/** Files a run left on disk (paths relative to the output folder) and their allocated bytes (hard links once). */
export interface KeptFiles {
  files: string[];
  bytes: number;
}

/** What the retention policy (`clonelab run --keep`) did at the end of the run. */
export interface RetentionRecord {
  policy: 'failures' | 'all' | 'none';
  /** False when the run was interrupted (or interrupted while removing): then files that exist were kept. */
  applied: boolean;
  keptBytes: number;
  removedBytes: number;
  removedFiles: number;
  /** Master and generalized-master images (and their boot files) left in the output folder. */
  masters: KeptFiles;
  note: string;
}

/**
 * A hardware model of the run's catalog, along the dimensions triage compares (which of them
 * separates the failing models from the passing ones). The run writes them from the catalog,
 * so the reports read models from the results file alone.
 */
export interface MachineRecord {
  name: string;
  chipset: string;
  /** NIC models (`+` between several), each with the driver the install records when it is not the registry's. */
  nic: string;
  /** Where each device sits: `nic@3 video@2 storage@chipset` (a slot of bus 0), `nic@01:03.0` (behind a bridge: the guest's `bus:slot.fn`). */
  slot: string;
  storage: string;
  video: string;
  /** The user's file the model comes from (`--models FILE` or a scenario file); absent for a built-in model. */
  source?: string;
  /** The model it extends, for a user model that does. */
  extends?: string;
  /** Its bridges, `id type@bus:slot.fn` (`br1 pci-bridge@00:08.0`); absent when it has none. */
  bridges?: string;
}

/**
 * Version of the results JSON. 2: the run's catalog is recorded (`machines`). 3: clone reports
 * carry identity items of any guest profile. `compare` and `merge` read versions 1 and 2 as the
 * current one, and refuse other versions.
 */
export const RESULTS_SCHEMA_VERSION = 3;

/** How a scenario ended: as expected (`passed`, `reproduced`), not (`failed`), or could not run. */
export type ScenarioStatus = 'passed' | 'reproduced' | 'failed' | 'errored' | 'interrupted';

/** One scenario's result. */
export interface ScenarioResult {
  name: string;
  description: string;
  status: ScenarioStatus;
  expected: Expectation;
  installMachine: string;
  /** The guest profile of the scenario's master (`reference`, `debian`, `image`, `windows`); absent in files before schema 3. */
  guest?: string;
  method: string;
  verdict?: OutcomeVerdict;
  error?: ErrorRecord;
  timeline: TimelineEntry[];
  masterSid?: string;
  /** The master's machine identity, whatever the guest: `{ kind: 'machine-sid' | 'machine-id', value }`. */
  masterIdentity?: { kind: string; value: string };
  /** Master-cache entries the scenario's masters were reused from (`--master-cache`); absent when built in this run. */
  reusedMasters?: string[];
  captureNotes: string[];
  clones: CloneRun[];
  checks: CheckResult[];
  durationMs: number;
  /** Set on each run of a scenario repeated with `--repeat N`: its name is `<of>~<index>`. */
  repeat?: { of: string; index: number; count: number };
  /** The scenario's own files left on disk (its captured image), outside its clones' folders (`--keep`). */
  kept?: KeptFiles;
}


/** CPU time of one program's processes started in one phase, in ms (issue 17). */
export interface CpuPhaseRecord {
  /** `outside`: started by the run outside every phase (kernel tree, QEMU version), or not seen ending. */
  phase: Phase | 'outside';
  /** File name of the executable (`qemu-system-x86_64`, `wimlib-imagex`, `mkntfs`, …); `unattributed` for `outside`'s remainder. */
  program: string;
  userMs: number;
  systemMs: number;
  /** Processes counted. */
  processes: number;
}

/**
 * Where a run's CPU time went, from Linux /proc: the harness process itself and its child
 * processes (QEMU, host tools), the latter by phase and program. Written by `runLab` (optional:
 * results of older versions and of other platforms have none).
 */
export interface CpuRecord {
  wallMs: number;
  /** Cores the host offers (os.availableParallelism()). */
  cores: number;
  /** The Node process (all its threads): process.cpuUsage() over the run; peak RSS is VmHWM, the process's lifetime peak. */
  harness: { userMs: number; systemMs: number; peakRssMiB: number };
  /** Every child process reaped during the run: the growth of cutime + cstime (exact). */
  children: { userMs: number; systemMs: number };
  /** The children's CPU by phase and program, largest first; sums to `children`. */
  byPhase: CpuPhaseRecord[];
}

/** The whole run: what `clonelab run` writes as results.json. */
export interface RunResult {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  planId: string;
  shard?: { index: number; total: number };
  startedAt: string;
  finishedAt: string;
  interrupted: boolean;
  host: { accel: string; qemu: string; kernel: string; jobs: number; retries: number; cpu?: CpuRecord };
  /** The hardware catalog the run planned from, in catalog order (the reports' row order). */
  machines: MachineRecord[];
  scenarios: ScenarioResult[];
  /** Scenarios run with `--repeat N`: reproduction rates. */
  repeats?: RepeatRecord[];
  /** Written by `clonelab bisect`: the search and its answer (its rounds are in `scenarios`). */
  bisect?: BisectRecord;
  /** What `--keep` left on disk and removed; absent when no policy ran (an API run without `keep`). */
  retention?: RetentionRecord;
}
