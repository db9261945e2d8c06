import type { OutcomeVerdict } from '../checks/evaluate-outcome.js';
import type { CheckResult } from '../checks/types.js';
import type { CloneRun, ErrorRecord, TimelineEntry } from '../lifecycle/types.js';
import type { Expectation } from '../spec/schema.js';

export type { CheckResult, CloneRun, ErrorRecord, OutcomeVerdict, TimelineEntry };

/** Version of the results JSON; `compare` and `merge` refuse other versions. */
export const RESULTS_SCHEMA_VERSION = 1;

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
  scenarios: ScenarioResult[];
}
