import type { CloneRun, RunResult, ScenarioResult, TimelineEntry } from './types.js';

/** What a reporter learns when the run begins. */
export interface RunBeginInfo {
  planId: string;
  shard?: { index: number; total: number };
  outDir: string;
  scenarios: { name: string; clones: { id: string; machine: string }[] }[];
}

/**
 * A reporter listens to a run through optional hooks (as Playwright's reporters do) and writes
 * its format at the end. Hooks may be async; the run waits for `onEnd` only. The run declares
 * what it tells; reports/ implements it (JUnit, HTML) without importing the run.
 */
export interface Reporter {
  onBegin?(info: RunBeginInfo): void;
  /** A scenario's lifecycle entered a state (install, capture, targets, check, done, …). */
  onScenarioState?(scenario: string, entry: TimelineEntry): void;
  onCloneEnd?(scenario: string, clone: CloneRun): void;
  onScenarioEnd?(result: ScenarioResult): void;
  /** The run is over and results.json is written; returns the files this reporter wrote. */
  onEnd?(result: RunResult): Promise<string[]> | string[];
}
