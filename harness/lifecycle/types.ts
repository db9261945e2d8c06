import type { CheckResult, CloneFacts } from '../checks/types.js';
import type { OutcomeVerdict } from '../checks/evaluate-outcome.js';
import type { PlannedScenario } from '../plan/types.js';

/** The phases of a scenario run, in order. */
export type Phase = 'install' | 'generalize' | 'capture' | 'targets' | 'check';

/** One lifecycle transition, with its time (ms since the epoch). */
export interface TimelineEntry {
  state: string;
  at: number;
}

/** An error that ended a phase: infrastructure (may be retried) or bad input (never retried). */
export interface ErrorRecord {
  kind: 'infrastructure' | 'usage' | 'internal';
  phase: string;
  message: string;
  timedOut: boolean;
  machine?: string;
}

/** The installed (and maybe generalized) master. */
export interface MasterOutput {
  /** The master disk: read-only from here on. */
  disk: string;
  /** The master's machine SID, from its install probe report. */
  machineSid?: string;
  /** Partition size of the master volume in bytes. */
  partitionBytes?: number;
  /** The master-cache entry this master came from, when an earlier run built it. */
  reusedFrom?: string;
}

/** A captured image, opaque to the lifecycle; the clone method knows what it is. */
export interface CaptureOutput {
  method: string;
  image: unknown;
  notes: string[];
  /** Image-level checks (WIM verify, …) made at capture. */
  checks: CheckResult[];
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
  status: 'booted' | 'refused' | 'errored';
  facts?: CloneFacts;
  error?: ErrorRecord;
  timeline: TimelineEntry[];
  artifacts: CloneArtifacts;
  /** Seconds from QEMU start to the probe report (or the end of the boot). */
  bootSeconds?: number;
  attempts: number;
  notes: string[];
}

/** Everything the scenario lifecycle holds. */
export interface LifecycleContext {
  planned: PlannedScenario;
  retries: number;
  timeouts: Record<Phase, number>;
  attempts: Record<Phase, number>;
  master?: MasterOutput;
  source?: MasterOutput;
  captured?: CaptureOutput;
  clones?: CloneRun[];
  checks?: CheckResult[];
  verdict?: OutcomeVerdict;
  error?: ErrorRecord;
}

/** What the lifecycle machine is started with. */
export interface LifecycleInput {
  planned: PlannedScenario;
  retries: number;
  timeouts: Record<Phase, number>;
}

/** Inputs of the named step actors. */
export interface StepInput {
  planned: PlannedScenario;
  master?: MasterOutput;
  source?: MasterOutput;
  captured?: CaptureOutput;
  clones?: CloneRun[];
}

/** Output of the check step. */
export interface CheckOutput {
  checks: CheckResult[];
  verdict: OutcomeVerdict;
}
