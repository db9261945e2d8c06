import type { CloneRun, MachineRecord, RunResult, ScenarioResult } from '../harness/results/types.js';

/** The outcome of one scenario × hardware model cell of the matrix. */
export type CellOutcome = 'passed' | 'reproduced' | 'failed' | 'errored' | 'interrupted';

/** One cell: a scenario's clones on one hardware model, and how they ended. */
export interface Cell {
  scenario: ScenarioResult;
  machine: string;
  clones: CloneRun[];
  outcome: CellOutcome;
  /** Failures observed on these clones (or fleet-wide), and whether the scenario expected them. */
  failures: { failure: string; where: string; expected: boolean }[];
}

/** Lists the hardware models the clones of a result ran on: the run's catalog order first, then unknown names sorted. */
export function listMachines(result: RunResult): string[] {
  return orderMachines(result.scenarios.flatMap((scenario) => scenario.clones.map((clone) => clone.machine)), result.machines);
}

/**
 * Lists the hardware models that have a cell (the matrix rows), in the same order: the models
 * of the clones, and the install model of a scenario that ended before any clone existed, so
 * that its cell is not left without a row.
 */
export function listCellMachines(cells: readonly Cell[], catalog: readonly MachineRecord[]): string[] {
  return orderMachines(cells.map((cell) => cell.machine), catalog);
}

function orderMachines(names: readonly string[], catalog: readonly MachineRecord[]): string[] {
  const used = new Set(names);
  const known = catalog.map((model) => model.name).filter((name) => used.has(name));
  return [...known, ...[...used].filter((name) => !known.includes(name)).sort()];
}

/** Splits every scenario into its cells (one per hardware model it targets). */
export function listCells(result: RunResult): Cell[] {
  return result.scenarios.flatMap((scenario) => {
    const machines = [...new Set(scenario.clones.map((clone) => clone.machine))];
    // A scenario that died before its targets has no clones: show it on its install model.
    if (machines.length === 0) machines.push(scenario.installMachine);
    return machines.map((machine) => buildCell(scenario, machine));
  });
}

/** Builds the cell of one scenario on one hardware model. */
export function buildCell(scenario: ScenarioResult, machine: string): Cell {
  const clones = scenario.clones.filter((clone) => clone.machine === machine);
  const ids = new Set(clones.map((clone) => clone.cloneId));
  const unexpected = new Set((scenario.verdict?.unexpected ?? []).map((entry) => `${entry.failure}@${entry.where}`));
  const failures = scenario.checks
    .filter((check) => check.status === 'fail' && (check.cloneId === undefined || ids.has(check.cloneId)))
    .flatMap((check) => check.failures.map((failure) => {
      const where = check.cloneId ?? 'fleet';
      return { failure, where, expected: !unexpected.has(`${failure}@${where}`) };
    }));
  const missing = (scenario.verdict?.missing ?? []).filter((entry) => entry.where === 'fleet' || ids.has(entry.where));
  return { scenario, machine, clones, failures, outcome: decideOutcome(scenario, machine, clones, failures, missing.length > 0) };
}

function decideOutcome(scenario: ScenarioResult, machine: string, clones: CloneRun[], failures: Cell['failures'], missing: boolean): CellOutcome {
  if (clones.some((clone) => clone.status === 'errored')) return 'errored';
  // A scenario that errored outside its clones (install, capture) errored everywhere; when some
  // clones errored, the others are judged by their checks.
  const elsewhere = scenario.error?.machine !== undefined && scenario.error.machine !== machine && clones.length > 0;
  if (scenario.status === 'errored' && !scenario.clones.some((clone) => clone.status === 'errored') && !elsewhere) return 'errored';
  if (scenario.status === 'interrupted') return 'interrupted';
  if (missing || failures.some((entry) => !entry.expected)) return 'failed';
  if (failures.length > 0) return 'reproduced';
  return 'passed';
}
