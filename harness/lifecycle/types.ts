import type { CheckResult } from '../checks/types.js';
import type { IdentityItem } from '../probe/identity.js';
import type { OutcomeVerdict } from '../checks/evaluate-outcome.js';
import type { PlannedScenario } from '../plan/types.js';
import type { CloneRun, ErrorRecord, Phase } from '../results/types.js';

// What a run records (phases, timeline, errors, clone runs) is declared with the result types,
// which the reports read; the lifecycle fills them in.
export type { CloneArtifacts, CloneRun, ErrorRecord, Phase, TimelineEntry } from '../results/types.js';

/** The installed (and maybe generalized) master. */
export interface MasterOutput {
  /** The master disk: read-only from here on. */
  disk: string;
  /** The master's machine identity (SID or machine-id), from its install probe report. */
  identity?: IdentityItem;
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
