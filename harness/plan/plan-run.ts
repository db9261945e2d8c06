import { createHash } from 'node:crypto';
import { hardwareCatalog } from '../../machines/catalog/models.js';
import type { HardwareModel } from '../../machines/catalog/types.js';
import type { Expectation, Scenario } from '../spec/schema.js';
import { expectedModelFailures } from './expected-model-failures.js';
import type { Plan, PlannedClone, PlannedScenario } from './types.js';

/** Options that narrow a plan. */
export interface PlanOptions {
  /** Only these hardware models as targets. */
  machines?: readonly string[];
}

/** Turns scenarios × hardware models into a plan. Pure: same input, same plan. */
export function planRun(scenarios: readonly Scenario[], catalog: readonly HardwareModel[] = hardwareCatalog, options: PlanOptions = {}): Plan {
  const allowed = (name: string): boolean => options.machines === undefined || options.machines.includes(name);
  const planned = scenarios
    .map((scenario): PlannedScenario => ({ scenario, masterKey: masterKeyOf(scenario), clones: planClones(scenario, catalog, allowed) }))
    .filter((entry) => entry.clones.length > 0);
  const planId = hash(JSON.stringify(planned.map((entry) => [entry.scenario.name, entry.clones.map((clone) => clone.id)]))).slice(0, 16);
  return { planId, scenarios: planned };
}

function planClones(scenario: Scenario, catalog: readonly HardwareModel[], allowed: (name: string) => boolean): PlannedClone[] {
  const targets = scenario.targets === 'all-models'
    ? catalog.map((model) => ({ machine: model.name, geometry: undefined, existingFiles: undefined, expect: expectationFor(model) }))
    : scenario.targets;
  return targets.filter((target) => allowed(target.machine)).flatMap((target) =>
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
  const { guest, machine, geometry, install } = scenario.master;
  return `${machine}-${hash(JSON.stringify({ guest, machine, geometry, install })).slice(0, 10)}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
