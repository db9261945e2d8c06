import { createHash } from 'node:crypto';
import { hardwareCatalog } from '../../machines/catalog/models.js';
import type { HardwareModel, ResolvedModel } from '../../machines/catalog/types.js';
import { invalidInput } from '../errors/errors.js';
import type { Expectation, Scenario } from '../spec/schema.js';
import { expandMatrix } from './expand-matrix.js';
import { expectedModelFailures } from './expected-model-failures.js';
import type { MatrixPlan, Plan, PlannedClone, PlannedScenario } from './types.js';

/** Options that narrow a plan. */
export interface PlanOptions {
  /** Only these hardware models as targets. */
  machines?: readonly string[];
  /** Matrix targets: a pairwise covering array instead of the full product. */
  pairwise?: boolean;
}

/**
 * Turns scenarios × hardware models into a plan. A matrix target (`targets: { base, vary }`) is
 * expanded to derived models (see `expandMatrix`): the plan lists them (`models`, to join the
 * run's catalog) and its counts (`matrices`). Pure: same input, same plan.
 */
export function planRun(scenarios: readonly Scenario[], catalog: readonly HardwareModel[] = hardwareCatalog, options: PlanOptions = {}): Plan {
  const allowed = (name: string): boolean => options.machines === undefined || options.machines.includes(name);
  const matrices: MatrixPlan[] = [];
  const models = new Map<string, ResolvedModel>();
  const planned = scenarios
    .map((scenario): PlannedScenario => {
      let targets: Target[];
      if (scenario.targets === 'all-models') targets = catalog.map((model) => ({ machine: model.name, expect: expectationFor(model) })).filter((target) => allowed(target.machine));
      else if (Array.isArray(scenario.targets)) targets = scenario.targets.filter((target) => allowed(target.machine));
      else {
        const matrix = scenario.targets;
        const base = catalog.find((model) => model.name === matrix.base);
        if (!base) throw invalidInput(`targets.base of scenario "${scenario.name}"`, 'a model of the run\'s catalog', matrix.base);
        const { models: cells, ...counts } = expandMatrix(matrix, base, { pairwise: options.pairwise === true, scenario: scenario.name });
        const kept = cells.filter((model) => allowed(model.name) || allowed(base.name));
        matrices.push({ scenario: scenario.name, ...counts, cells: kept.length });
        for (const model of kept) if (model.name !== base.name) models.set(model.name, model);
        targets = kept.map((model) => ({ machine: model.name, geometry: matrix.geometry, expect: expectationFor(model) }));
      }
      return { scenario, masterKey: masterKeyOf(scenario), clones: planClones(scenario, targets) };
    })
    .filter((entry) => entry.clones.length > 0);
  const planId = hash(JSON.stringify(planned.map((entry) => [entry.scenario.name, entry.clones.map((clone) => clone.id)]))).slice(0, 16);
  return { planId, scenarios: planned, ...(matrices.length > 0 ? { matrices, models: [...models.values()] } : {}) };
}

type Target = { machine: string } & Partial<Pick<PlannedClone, 'geometry' | 'existingFiles' | 'expect'>>;

function planClones(scenario: Scenario, targets: readonly Target[]): PlannedClone[] {
  return targets.flatMap((target) =>
    Array.from({ length: scenario.clonesPerTarget }, (_, index): PlannedClone => ({
      id: `${scenario.name}/${target.machine}#${index + 1}`,
      machine: target.machine,
      index,
      geometry: target.geometry,
      existingFiles: target.existingFiles,
      expect: target.expect,
    })));
}

function expectationFor(model: HardwareModel): Expectation | undefined {
  const failures = expectedModelFailures(model);
  return failures.length > 0 ? { reproduces: failures as [typeof failures[number], ...typeof failures] } : undefined;
}

/** The key of a master: everything that makes two installed masters differ. */
export function masterKeyOf(scenario: Scenario): string {
  const { guest, image, machine, geometry, install } = scenario.master;
  return `${machine}-${hash(JSON.stringify({ guest, ...(image ? { image } : {}), machine, geometry, install })).slice(0, 10)}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
