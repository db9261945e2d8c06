import { isPhase, type Phase } from '../harness/errors/phase.js';
import type { ErrorRecord, ScenarioResult } from '../harness/results/types.js';

/** An error record as any results file holds it: files written before `step` had one free `phase`. */
type StoredErrorRecord = Omit<ErrorRecord, 'phase' | 'step'> & { phase: string; step?: string };

/**
 * Reads the error records of one scenario of any results file into the current shape. Before
 * `step`, one free `phase` field held either a phase or what failed (`vm-start`, `wim-apply`, a
 * clone's state): a phase stays the phase (and is the step); anything else becomes the step, in
 * the phase it happened in — `targets` for a clone, else the last phase on the scenario's timeline.
 */
export function readScenarioErrors(scenario: ScenarioResult): ScenarioResult {
  const clones = scenario.clones.map((clone) => (clone.error ? { ...clone, error: readErrorRecord(clone.error, 'targets') } : clone));
  if (!scenario.error) return { ...scenario, clones };
  const fromClone = clones.some((clone) => clone.status === 'errored' && clone.error?.message === scenario.error?.message);
  const lastPhase = scenario.timeline.map((entry) => entry.state).filter(isPhase).at(-1) ?? 'install';
  return { ...scenario, clones, error: readErrorRecord(scenario.error, fromClone ? 'targets' : lastPhase) };
}

function readErrorRecord(record: StoredErrorRecord | ErrorRecord, phaseIfUnknown: Phase): ErrorRecord {
  if (record.step !== undefined && isPhase(record.phase)) return record as ErrorRecord;
  if (isPhase(record.phase)) return { ...record, phase: record.phase, step: record.phase };
  return { ...record, phase: phaseIfUnknown, step: record.phase };
}
