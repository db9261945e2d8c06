import type { ResolvedModel } from '../../machines/catalog/types.js';
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
  /** One of the repeats of a scenario (`--repeat N`): see `repeatPlan`. */
  repeat?: { of: string; index: number; count: number };
}

/** The whole run: scenarios × hardware models. */
export interface Plan {
  /** Hash of the unsharded plan: shards of one plan share it (merge refuses shards of different plans). */
  planId: string;
  scenarios: PlannedScenario[];
  /** Set when the plan was cut down to a shard. */
  shard?: { index: number; total: number };
  /** The scenarios whose targets are a matrix, with its counts; absent when none is. */
  matrices?: MatrixPlan[];
  /** The models the matrices derived: the run adds them to its catalog. */
  models?: ResolvedModel[];
}

/** How a scenario's matrix was expanded: the full product, what QEMU accepts, what runs. */
export interface MatrixPlan {
  scenario: string;
  base: string;
  dimensions: { name: string; values: number }[];
  /** Cells of the full product. */
  full: number;
  /** Cells whose model QEMU accepts. */
  valid: number;
  /** Cells planned: every valid one, or the pairwise covering array (then also narrowed by `--machines`). */
  cells: number;
  pairwise: boolean;
  /** Cells left out, each with why QEMU would refuse its model. */
  dropped: { model: string; reasons: string[] }[];
}
