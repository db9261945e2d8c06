import type { Expectation, Scenario, ScenarioGeometry } from '../spec/schema.js';

/** One clone of a planned scenario: a target hardware model plus the volume it is applied to. */
export interface PlannedClone {
  /** Stable id: `scenario/machine#n`. */
  id: string;
  machine: string;
  /** Index among the clones of the same target (0-based). */
  index: number;
  geometry: ScenarioGeometry | undefined;
  existingFiles: Record<string, string> | undefined;
  /** What this clone expects besides the scenario's expectation. */
  expect: Expectation | undefined;
}

/** A scenario with its clones, and the keys under which its shared steps are built once. */
export interface PlannedScenario {
  scenario: Scenario;
  /** Distinct (guest, install model, geometry, install options): masters with the same key are built once. */
  masterKey: string;
  clones: PlannedClone[];
}

/** The whole run: scenarios × hardware models. */
export interface Plan {
  /** Hash of the unsharded plan: shards of one plan share it (merge refuses shards of different plans). */
  planId: string;
  scenarios: PlannedScenario[];
  /** Set when the plan was cut down to a shard. */
  shard?: { index: number; total: number };
}
