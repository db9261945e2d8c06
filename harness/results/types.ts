import type { OutcomeVerdict } from '../checks/evaluate-outcome.js';
import type { CheckResult, CloneFacts } from '../checks/types.js';
import type { Expectation } from '../spec/schema.js';
import type { Phase } from '../errors/phase.js';

export type { CheckResult, OutcomeVerdict, Phase };

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
 * Version of the results JSON. 2: the run's catalog is recorded (`machines`). `compare` and
 * `merge` read version 1 files as version 2 without machines, and refuse other versions.
 */
export const RESULTS_SCHEMA_VERSION = 2;

/** How a scenario ended: as expected (`passed`, `reproduced`), not (`failed`), or could not run. */
export type ScenarioStatus = 'passed' | 'reproduced' | 'failed' | 'errored' | 'interrupted';

/** One scenario's result. */
export interface ScenarioResult {
  name: string;
  description: string;
  status: ScenarioStatus;
  expected: Expectation;
  installMachine: string;
  method: string;
  verdict?: OutcomeVerdict;
  error?: ErrorRecord;
  timeline: TimelineEntry[];
  masterSid?: string;
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

/** How often one failure showed over the repeats of a scenario (`--repeat N`), with its 95 % interval. */
export interface FailureRate {
  /** A failure name, `missing <name>` (an expected reproduction that did not show), or `errored`. */
  failure: string;
  /** Repeats it showed in. */
  count: number;
  /** Repeats that ran to their end (not interrupted). */
  runs: number;
  rate: number;
  /** The 95 % Wilson score interval of the rate, [low, high]. */
  interval: [number, number];
  /** The scenario expects it (a reproduction): then a rate below 1 is the unstable part. */
  expected: boolean;
}

/** The repeats of one scenario: how many ended as expected, and each failure's reproduction rate, also per hardware model. */
export interface RepeatRecord {
  /** The scenario's own name (its runs are `<scenario>~1` … `<scenario>~<runs>`). */
  scenario: string;
  runs: number;
  asExpected: number;
  failures: FailureRate[];
  /** The same per hardware model, over its clones (and the fleet's checks). */
  machines: { machine: string; runs: number; asExpected: number; failures: FailureRate[] }[];
}

/** How `clonelab bisect` judged one model: the scenario ended as expected on it, not, or it could not tell. */
export type BisectVerdict = 'expected' | 'failed' | 'invalid' | 'errored';

/** One model `clonelab bisect` judged. */
export interface BisectStep {
  /** 1: the good and the bad model and every single change; 2: pairs of changes. */
  round: number;
  model: string;
  /** The dimensions changed from the good model (none: the good model; all: the bad one). */
  changes: string[];
  verdict: BisectVerdict;
  /** Which checks failed on which clone, the error that ended it, or why QEMU would refuse the model. */
  evidence: string[];
  /** The scenario result (in `scenarios`) it ran in. */
  scenario?: string;
}

/** What `clonelab bisect` found: the smallest hardware change that breaks the scenario, with each step. */
export interface BisectRecord {
  scenario: string;
  good: string;
  bad: string;
  /** Every dimension the two models differ in, as it is on each. */
  dimensions: { name: string; good: string; bad: string }[];
  status: 'found' | 'whole-difference' | 'bad-keeps-outcome';
  /** The smallest sets of dimensions whose change turns the expected outcome into a failure, with the model that showed it. */
  culprits: { dimensions: string[]; model: string }[];
  steps: BisectStep[];
  /** One sentence: the answer. */
  summary: string;
}

/** The whole run: what `clonelab run` writes as results.json. */
export interface RunResult {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  planId: string;
  shard?: { index: number; total: number };
  startedAt: string;
  finishedAt: string;
  interrupted: boolean;
  host: { accel: string; qemu: string; kernel: string; jobs: number; retries: number };
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
