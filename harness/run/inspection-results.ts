import { createHash } from 'node:crypto';
import type { ResolvedModel } from '../../machines/catalog/types.js';
import { predictionChecks, runImageFleetChecks } from '../checks/image-fleet-checks.js';
import type { OutcomeVerdict } from '../checks/evaluate-outcome.js';
import type { CheckResult, CloneRun, RunResult, ScenarioResult } from '../results/types.js';
import { RESULTS_SCHEMA_VERSION } from '../results/types.js';
import type { InspectFailure } from '../windows/inspect-image.js';
import type { ModelPrediction } from '../windows/predict-boot.js';
import type { ImageInspection } from '../windows/types.js';
import { describeMachines } from './describe-machines.js';

/** The row the fleet scenario's images sit on in the matrix: they were read, not booted on a model. */
export const OFFLINE_MACHINE = 'offline (registry)';
/** The fleet scenario's name. */
export const IMAGE_FLEET_SCENARIO = 'image-fleet-identity';

/** What an inspection found, to put into results.json. */
export interface InspectionRun {
  startedAt: Date;
  finishedAt: Date;
  inspections: readonly ImageInspection[];
  failures: readonly InspectFailure[];
  /** Run the fleet checks (`--fleet`). */
  fleet: boolean;
  master?: ImageInspection;
  catalog: readonly ResolvedModel[];
  /** Per image label: the prediction for every model. */
  predictions: ReadonlyMap<string, readonly ModelPrediction[]>;
}

/**
 * An inspection as the lab's versioned results, so JUnit, the HTML report, `compare` and
 * `merge` read it as they read a booted run: the fleet checks are a scenario whose clones are
 * the images (on the `offline (registry)` row), and each image's prediction is a scenario
 * whose clones are the image on each model (the HTML matrix is then models × images).
 */
export function buildInspectionResult(run: InspectionRun): RunResult {
  const scenarios: ScenarioResult[] = [];
  const errored = run.failures.map((failure): CloneRun => ({
    cloneId: failure.ref.label, machine: OFFLINE_MACHINE, status: 'errored', timeline: [], artifacts: {}, attempts: 1, notes: [],
    error: { kind: 'usage', phase: 'check', step: 'inspect', message: failure.error.message, timedOut: false },
  }));
  if (run.fleet) {
    const checks = runImageFleetChecks(run.inspections, run.master);
    const clones = [...run.inspections.map((image) => inspectedClone(image.image.label, OFFLINE_MACHINE, image, describeImage(image))), ...errored];
    scenarios.push(scenario(IMAGE_FLEET_SCENARIO, `Identity across ${run.inspections.length} Windows image(s) read offline: machine SIDs${run.master ? ` (and not the master's, ${run.master.image.label})` : ''}, computer names, NetworkAddress overrides and disk signatures unique`, OFFLINE_MACHINE, clones, checks, run));
  } else if (errored.length > 0) {
    scenarios.push(scenario('image-inspection', 'Windows images that could not be read', OFFLINE_MACHINE, errored, [], run));
  }
  for (const image of run.inspections) {
    const predictions = run.predictions.get(image.image.label) ?? [];
    const clones: CloneRun[] = [];
    const checks: CheckResult[] = [];
    for (const prediction of predictions) {
      const cloneId = `${image.image.label} @ ${prediction.model}`;
      clones.push(inspectedClone(cloneId, prediction.model, image, [`predicted on ${prediction.model}: ${prediction.outcome}${prediction.failures.includes('problem-28') ? ', problem 28' : ''}`]));
      checks.push(...predictionChecks(prediction, cloneId));
    }
    if (clones.length === 0) continue;
    scenarios.push(scenario(`predict ${image.image.label}`, `STOP 0x7B and problem 28 predicted from the registry of ${image.image.label} (${describeProduct(image)}) on each hardware model`, predictions[0]!.model, clones, checks, run));
  }
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    planId: createHash('sha256').update(JSON.stringify(['inspect', run.inspections.map((image) => image.image.label), run.failures.map((failure) => failure.ref.label), run.catalog.map((model) => model.name)])).digest('hex').slice(0, 12),
    startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt.toISOString(), interrupted: false,
    host: { accel: 'none', qemu: 'not used', kernel: 'not used', jobs: 1, retries: 0 },
    machines: describeMachines(run.catalog),
    scenarios,
  };
}

function inspectedClone(cloneId: string, machine: string, image: ImageInspection, notes: string[]): CloneRun {
  return { cloneId, machine, status: 'inspected', timeline: [], artifacts: {}, attempts: 1, notes: [...notes, ...image.warnings] };
}

function scenario(name: string, description: string, installMachine: string, clones: CloneRun[], checks: CheckResult[], run: InspectionRun): ScenarioResult {
  const verdict = judge(checks, clones);
  const status = clones.some((clone) => clone.status === 'errored') ? 'errored' : verdict.status === 'failed' ? 'failed' : 'passed';
  return {
    name, description, status, expected: 'pass', installMachine, method: 'inspect', verdict,
    timeline: [{ state: 'check', at: run.startedAt.getTime() }, { state: status === 'passed' ? 'done' : status, at: run.finishedAt.getTime() }],
    captureNotes: [], clones, checks, durationMs: run.finishedAt.getTime() - run.startedAt.getTime(),
  };
}

/** Nothing is expected to fail: every observed failure is unexpected. */
function judge(checks: readonly CheckResult[], clones: readonly CloneRun[]): OutcomeVerdict {
  const unexpected = checks.flatMap((check) => check.failures.map((failure) => ({ failure, where: check.cloneId ?? 'fleet' })));
  const failed = unexpected.length > 0 || clones.some((clone) => clone.status === 'errored');
  return { status: failed ? 'failed' : 'passed', reproduced: [], missing: [], unexpected };
}

function describeImage(image: ImageInspection): string[] {
  return [
    `${describeProduct(image)}; state ${image.state} (${image.stateEvidence.join('; ')})`,
    `machine SID ${image.machineSid?.value ?? 'none'}; computer name ${image.computerName?.value ?? 'none'}`,
  ];
}

function describeProduct(image: ImageInspection): string {
  return [image.product.name ?? 'unknown product', image.ntVersion ? `NT ${image.ntVersion}` : undefined, image.product.build ? `build ${image.product.build}` : undefined].filter(Boolean).join(', ');
}
