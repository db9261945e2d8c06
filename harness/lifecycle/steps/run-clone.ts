import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { toPlacementFact } from '../../checks/placement-check.js';
import type { CloneFacts } from '../../checks/types.js';
import { readVolumeFile } from '../../disks/index.js';
import { InfrastructureError, UsageError } from '../../errors/errors.js';
import type { CapturedImage } from '../../imaging/index.js';
import { findProfile } from '../../profiles/registry.js';
import { resolveModel } from '../../hardware/resolve-model.js';
import type { PlannedClone, PlannedScenario } from '../../plan/types.js';
import { toErrorRecord } from '../to-error-record.js';
import type { CaptureOutput, CloneRun, TimelineEntry } from '../types.js';
import { expectedDevices } from './expected-devices.js';
import type { RunContext } from './run-context.js';
import { prepareTargetWithFiles } from './prepare-target.js';
import { resolveTargetGeometry } from '../../spec/resolve-geometry.js';

/**
 * One clone: apply the captured image to its own target disk, boot it on its hardware model,
 * collect the probe report. Infrastructure errors are retried; a refused apply is a result.
 */
export async function runClone(context: RunContext, planned: PlannedScenario, clone: PlannedClone, captured: CaptureOutput, signal: AbortSignal, formatClock = Date.now()): Promise<CloneRun> {
  const timeline: TimelineEntry[] = [];
  const mark = (state: string): void => {
    timeline.push({ state, at: Date.now() });
    context.onVmState?.({ scenario: planned.scenario.name, machine: clone.machine, state, done: ['booted', 'refused', 'errored'].includes(state) });
  };
  const run: CloneRun = { cloneId: clone.id, machine: clone.machine, status: 'errored', timeline, artifacts: {}, attempts: 0, notes: [] };
  mark('queued');
  for (;;) {
    run.attempts += 1;
    try {
      await context.vmPermits(() => attempt(context, planned, clone, captured.image as CapturedImage, signal, run, mark, formatClock));
      return run;
    } catch (error) {
      const record = toErrorRecord(error, 'targets', timeline.at(-1)?.state ?? 'apply');
      if (error instanceof InfrastructureError && !signal.aborted && run.attempts <= context.retries) {
        // Kept as evidence; the clone's error is only the one that ended it.
        run.notes.push(`attempt ${run.attempts} failed in step ${record.step} and was retried: ${record.message}`);
        mark('retry');
        continue;
      }
      run.error = record;
      run.status = 'errored';
      mark('errored');
      return run;
    }
  }
}

async function attempt(context: RunContext, planned: PlannedScenario, clone: PlannedClone, image: CapturedImage, signal: AbortSignal, run: CloneRun, mark: (state: string) => void, formatClock: number): Promise<void> {
  const { scenario } = planned;
  const model = resolveModel(clone.machine, context.catalog);
  const folder = path.join(context.runDir, 'scenarios', scenario.name, 'clones', `${clone.machine}-${clone.index + 1}`);
  await mkdir(folder, { recursive: true });
  const geometry = resolveTargetGeometry(scenario.master.geometry, clone.geometry, scenario.master.guest);
  const disk = path.join(folder, scenario.capture.method === 'overlay' ? 'disk.qcow2' : 'disk.img');
  const base: CloneFacts = { cloneId: clone.id, machine: model.name, hardwareMacs: [], expectedDevices: expectedDevices(model) };
  mark('apply');
  if (clone.existingFiles) {
    const prepared = await prepareTargetWithFiles(disk, geometry, clone.existingFiles, formatClock, signal);
    run.notes.push(`the target volume held ${Object.keys(clone.existingFiles).length} user file(s) of a previous installation, owned by ${prepared.previousOwner}`);
  }
  try {
    const applied = await findProfile(scenario.master.guest).cloneMethods[scenario.capture.method].apply(image, disk, geometry, {
      ...(scenario.capture.force ? { force: true } : {}), ...(scenario.capture.keepExisting ? { keepExisting: true } : {}), ...(scenario.capture.lossy ? { lossy: true } : {}), formatClock, signal,
    });
    run.notes.push(...applied.notes);
    if (applied.losses?.length) base.fatLosses = applied.losses;
    base.partitionBytes = applied.info?.partition.sizeBytes;
    base.volumeSerial = applied.info?.serial;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    run.status = 'refused';
    run.facts = { ...base, applyRefused: error.message };
    mark('refused');
    return;
  }
  run.artifacts.disk = disk;
  mark('boot');
  const overlay = scenario.capture.method === 'overlay';
  const outcome = await findProfile(scenario.master.guest).boot({
    master: scenario.master, disk, format: overlay ? 'qcow2' : 'raw', ...(overlay ? { bootFilesFrom: image.path } : {}),
    // Each attempt keeps its own logs: a retried boot must not erase the evidence of the first.
    model, accel: context.accel, workDir: path.join(folder, `boot-${run.attempts}`), signal, timeoutMs: context.bootTimeoutMs,
    // One store per run: the clones of a run boot the same kernel, stored once and linked.
    bootFileStore: path.join(context.runDir, 'boot-files'),
  });
  run.artifacts = {
    ...run.artifacts, ...(outcome.consoleLog ? { consoleLog: outcome.consoleLog } : {}), ...(outcome.agentLog ? { agentLog: outcome.agentLog } : {}),
    ...(outcome.vm ? { runScript: outcome.vm.runScript } : {}), ...(outcome.screenshot ? { screenshot: outcome.screenshot } : {}),
  };
  if (outcome.reportMs !== undefined) run.bootSeconds = outcome.reportMs / 1000;
  if (!outcome.report && !outcome.stop) {
    throw new InfrastructureError(`${model.name} sent no probe report (exit ${outcome.vm?.exitCode ?? outcome.vm?.signal}; ${outcome.malformedLines} malformed line(s)); console: ${outcome.consoleLog}`, {
      phase: 'targets', step: 'boot', machine: model.name, scenario: scenario.name, timedOut: outcome.vm?.timedOut,
    });
  }
  if (outcome.vm) mark('probe');
  run.facts = {
    ...base, hardwareMacs: outcome.macs, ...(outcome.placement ? { placement: toPlacementFact(outcome.placement) } : {}),
    ...(outcome.stop ? { stop: outcome.stop.text, stopFailure: outcome.stop.failure } : {}),
    ...(outcome.report && !outcome.stop ? { report: outcome.report } : {}),
    ...(clone.existingFiles ? { userFiles: { expected: clone.existingFiles, found: await readUserFiles(disk, clone.existingFiles, signal) } } : {}),
  };
  run.status = 'booted';
  mark('booted');
}

async function readUserFiles(disk: string, files: Record<string, string>, signal: AbortSignal): Promise<Record<string, string | null>> {
  const found: Record<string, string | null> = {};
  for (const file of Object.keys(files)) {
    found[file] = await readVolumeFile(disk, `/${file.replace(/^\/+/, '')}`, signal).then((data) => data.toString('utf8'), () => null);
    signal.throwIfAborted(); // a canceled read is not a missing file
  }
  return found;
}
