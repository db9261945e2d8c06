import { describeErrorPlace } from '../../harness/errors/phase.js';
import type { ErrorRecord, MachineRecord, ScenarioResult } from '../../harness/results/types.js';
import { buildCell } from '../cells.js';
import { describeDimensions, findDifferingDimensions, type Dimension } from './hardware-dimensions.js';

/**
 * Where a failure most likely comes from. An errored scenario is `infrastructure` (QEMU, wimlib,
 * timeouts), `invalid-scenario` (it asked for something the lab refuses, e.g. files that do not
 * fit the target) or `harness-bug` (an internal error of clonelab).
 */
export type TriageClass = 'image-defect' | 'hardware-specific' | 'clone-specific' | 'infrastructure' | 'invalid-scenario' | 'harness-bug';

const ERROR_TRIAGE: Record<ErrorRecord['kind'], TriageClass> = { infrastructure: 'infrastructure', usage: 'invalid-scenario', internal: 'harness-bug' };

/** One failure of a scenario, with the hardware models it shows on and its triage class. */
export interface TriagedFailure {
  scenario: string;
  /** A failure name, `missing <name>` for an expected reproduction that did not show, or `errored`. */
  failure: string;
  machines: string[];
  triage: TriageClass;
  /** For hardware-specific failures: what differs between the failing and the passing models. */
  dimensions: Dimension[];
  reason: string;
}

// Identity failures come from how each clone was personalized, not from its hardware.
const IDENTITY = new Set([
  'duplicate-machine-sid', 'master-sid-reused', 'duplicate-account-sid', 'duplicate-computer-name', 'duplicate-mac',
  'duplicate-volume-serial', 'duplicate-disk-signature', 'foreign-sid-descriptor', 'nic-mac-mismatch',
  // Linux guests' identity items
  'duplicate-machine-id', 'master-machine-id-reused', 'duplicate-hostname', 'duplicate-ssh-host-key', 'duplicate-filesystem-uuid',
]);

/**
 * Triages every unexpected outcome of a scenario: image defect, hardware-specific (naming the
 * dimension, from the run's catalog), clone-specific, infrastructure.
 */
export function triageScenario(scenario: ScenarioResult, catalog: readonly MachineRecord[]): TriagedFailure[] {
  const machines = [...new Set(scenario.clones.map((clone) => clone.machine))];
  const machineOf = new Map(scenario.clones.map((clone) => [clone.cloneId, clone.machine]));
  const where = (entry: { where: string }): string[] => (entry.where === 'fleet' ? machines : [machineOf.get(entry.where) ?? entry.where]);
  const groups = new Map<string, Set<string>>();
  for (const entry of scenario.verdict?.unexpected ?? []) addAll(groups, entry.failure, where(entry));
  for (const entry of scenario.verdict?.missing ?? []) addAll(groups, `missing ${entry.failure}`, where(entry));
  const triaged: TriagedFailure[] = [];
  const errored = (machines.length > 0 ? machines : [scenario.installMachine]).filter((machine) => buildCell(scenario, machine).outcome === 'errored');
  if (errored.length > 0) {
    const reason = scenario.error ? `${scenario.error.kind} error in ${describeErrorPlace(scenario.error)}: ${scenario.error.message}` : 'clones errored (infrastructure)';
    triaged.push({ scenario: scenario.name, failure: 'errored', machines: errored, triage: ERROR_TRIAGE[scenario.error?.kind ?? 'infrastructure'], dimensions: [], reason });
  }
  for (const [failure, failing] of groups) triaged.push(classify(scenario, failure, [...failing], machines, catalog));
  return triaged;
}

function classify(scenario: ScenarioResult, failure: string, failing: string[], machines: string[], catalog: readonly MachineRecord[]): TriagedFailure {
  const base = { scenario: scenario.name, failure, machines: failing.sort() };
  if (IDENTITY.has(failure.replace(/^missing /, ''))) {
    return { ...base, triage: 'clone-specific', dimensions: [], reason: 'an identity check: it depends on how each clone was personalized, not on its hardware' };
  }
  const passing = machines.filter((machine) => !failing.includes(machine));
  if (passing.length === 0) {
    return { ...base, triage: 'image-defect', dimensions: [], reason: `fails on every hardware model (${machines.length}): the image itself` };
  }
  const describe = (machine: string): ReturnType<typeof describeDimensions> => describeDimensions(machine, scenario.clones.filter((clone) => clone.machine === machine), catalog);
  const { dimensions, clean } = findDifferingDimensions(failing.map(describe), passing.map(describe));
  const named = dimensions.length > 0 ? dimensions.join(', ') : 'nothing in the catalog';
  return {
    ...base, triage: 'hardware-specific', dimensions,
    reason: `fails on ${failing.length} of ${machines.length} models; ${clean ? 'they differ from the passing ones in' : 'no single dimension separates them; they differ in'} ${named}`,
  };
}

function addAll(groups: Map<string, Set<string>>, key: string, values: string[]): void {
  const set = groups.get(key) ?? new Set<string>();
  for (const value of values) set.add(value);
  groups.set(key, set);
}
