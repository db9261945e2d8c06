import type { MachineRecord, RunResult, ScenarioResult, ScenarioStatus } from '../../harness/results/types.js';
import { listCells, listMachines, type CellOutcome } from '../cells.js';
import { collapseRepeats } from '../collapse-repeats.js';
import { judgeFlaky, type FlakyChange } from './flaky.js';
import { triageScenario, type TriagedFailure } from './triage.js';

/** One scenario present in both runs whose outcome matters to the comparison. */
export interface ScenarioChange {
  scenario: string;
  before: ScenarioStatus;
  after: ScenarioStatus;
  /** Hardware models whose cell was as expected before and is not now. */
  regressedModels: string[];
  /** Hardware models whose cell was not as expected before and is now. */
  fixedModels: string[];
  triage: TriagedFailure[];
}

/** What changed between a baseline run and a new one. */
export interface Comparison {
  base: { planId: string; startedAt: string };
  head: { planId: string; startedAt: string };
  /** Expected before, not now (a scenario, or one of its hardware models). */
  regressions: ScenarioChange[];
  /** Expected before, not now, but only in some repeats (`--repeat N`): unstable, not a regression (see `judgeFlaky`). */
  flaky: FlakyChange[];
  fixes: ScenarioChange[];
  stillFailing: ScenarioChange[];
  newScenarios: { scenario: string; status: ScenarioStatus; triage: TriagedFailure[] }[];
  removedScenarios: string[];
  newModels: string[];
  removedModels: string[];
}

const OK = new Set<string>(['passed', 'reproduced']);
const BAD = new Set<string>(['failed', 'errored']);

/**
 * Compares two runs scenario by scenario and cell by cell, and triages what fails now. The
 * repeats of a scenario (`--repeat N`) are one scenario here; a change that shows only in some
 * repeats is flaky, not a regression.
 */
export function compareRuns(baseRun: RunResult, headRun: RunResult): Comparison {
  const base = collapseRepeats(baseRun);
  const head = collapseRepeats(headRun);
  const baseByName = new Map(base.scenarios.map((scenario) => [scenario.name, scenario]));
  const headNames = new Set(head.scenarios.map((scenario) => scenario.name));
  const baseCells = cellMap(base);
  const headCells = cellMap(head);
  const comparison: Comparison = {
    base: { planId: base.planId, startedAt: base.startedAt }, head: { planId: head.planId, startedAt: head.startedAt },
    regressions: [], flaky: [], fixes: [], stillFailing: [], newScenarios: [],
    removedScenarios: base.scenarios.map((scenario) => scenario.name).filter((name) => !headNames.has(name)),
    newModels: difference(listMachines(head), listMachines(base)),
    removedModels: difference(listMachines(base), listMachines(head)),
  };
  for (const scenario of head.scenarios) {
    const before = baseByName.get(scenario.name);
    if (!before) {
      comparison.newScenarios.push({ scenario: scenario.name, status: scenario.status, triage: BAD.has(scenario.status) ? triageScenario(scenario, head.machines) : [] });
      continue;
    }
    const change = describeChange(before, scenario, baseCells, headCells, head.machines);
    if ((OK.has(before.status) && BAD.has(scenario.status)) || change.regressedModels.length > 0) {
      const flaky = judgeFlaky(scenario.name, change.regressedModels, base, head);
      if (flaky) comparison.flaky.push(flaky);
      else comparison.regressions.push(change);
    }
    else if (BAD.has(before.status) && OK.has(scenario.status)) comparison.fixes.push(change);
    else if (BAD.has(before.status) && BAD.has(scenario.status)) comparison.stillFailing.push(change);
  }
  return comparison;
}

function describeChange(before: ScenarioResult, after: ScenarioResult, baseCells: Map<string, CellOutcome>, headCells: Map<string, CellOutcome>, catalog: readonly MachineRecord[]): ScenarioChange {
  const machines = [...new Set(after.clones.map((clone) => clone.machine))];
  const cellKey = (machine: string): string => `${after.name}\u0000${machine}`;
  const regressedModels = machines.filter((machine) => {
    const old = baseCells.get(cellKey(machine));
    const now = headCells.get(cellKey(machine));
    return old !== undefined && OK.has(old) && now !== undefined && BAD.has(now);
  });
  const fixedModels = machines.filter((machine) => {
    const old = baseCells.get(cellKey(machine));
    const now = headCells.get(cellKey(machine));
    return old !== undefined && BAD.has(old) && now !== undefined && OK.has(now);
  });
  return {
    scenario: after.name, before: before.status, after: after.status, regressedModels, fixedModels,
    triage: BAD.has(after.status) ? triageScenario(after, catalog) : [],
  };
}

function cellMap(result: RunResult): Map<string, CellOutcome> {
  return new Map(listCells(result).map((cell) => [`${cell.scenario.name}\u0000${cell.machine}`, cell.outcome]));
}

function difference(left: string[], right: string[]): string[] {
  const other = new Set(right);
  return left.filter((entry) => !other.has(entry));
}
