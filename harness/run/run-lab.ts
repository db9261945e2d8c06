import { setMaxListeners } from 'node:events';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { hardwareCatalog } from '../../machines/catalog/models.js';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { writeFileAtomic } from '../host/atomic.js';
import { qemuVersion } from '../qemu/accel.js';
import { ensureKernelTree } from '../host/kernel-package.js';
import { runScenario } from '../lifecycle/run-scenario.js';
import { captureImageStep } from '../lifecycle/steps/capture-image.js';
import { generalizeMasterStep } from '../lifecycle/steps/generalize-master.js';
import { installMasterStep } from '../lifecycle/steps/install-master.js';
import type { RunContext } from '../lifecycle/steps/run-context.js';
import { runChecksStep } from '../lifecycle/steps/run-checks.js';
import { runTargetsStep } from '../lifecycle/steps/run-targets.js';
import type { Phase, TimelineEntry } from '../lifecycle/types.js';
import type { Plan } from '../plan/types.js';
import type { Accel } from '../qemu/types.js';
import { renderResultsJson } from '../results/render-results-json.js';
import { summarizeRepeats } from '../results/summarize-repeats.js';
import { RESULTS_SCHEMA_VERSION, type RunResult, type ScenarioResult } from '../results/types.js';
import type { Reporter } from '../results/reporter.js';
import { describeMachines } from './describe-machines.js';
import { startCpuLedger } from './cpu-ledger.js';
import { planRetention, recordRetention, removeRetained } from './apply-retention.js';
import type { RetentionPolicy } from './retention.js';

/** Options of a lab run. */
export interface RunLabOptions {
  plan: Plan;
  outDir: string;
  accel: Accel;
  jobs: number;
  retries: number;
  catalog?: readonly HardwareModel[];
  signal: AbortSignal;
  bootTimeoutMs?: number;
  /** Folder of masters kept across runs (see `reuseOrBuildMaster`). */
  masterCache?: string;
  onVmState?: RunContext['onVmState'];
  onTransition?: (scenario: string, entry: TimelineEntry) => void;
  onScenarioEnd?: (result: ScenarioResult) => void;
  /** Report writers: told as the run goes, and `onEnd` once results.json is written. */
  reporter?: Reporter;
  /** What the run leaves on disk (see RetentionPolicy); absent: everything stays and results.json has no `retention`. */
  keep?: RetentionPolicy;
}

/** Phase budgets: they include waiting for a VM permit, so they are generous; the tight limit is each boot's own. */
const PHASE_BUDGET_MS: Record<Phase, number> = {
  install: 20 * 60_000, generalize: 20 * 60_000, capture: 15 * 60_000, targets: 60 * 60_000, check: 60_000,
};

/**
 * Runs a plan: every scenario's lifecycle concurrently, with at most `jobs` VMs at once, and
 * writes `results.json` (atomically) into the output folder, also when interrupted.
 */
export async function runLab(options: RunLabOptions): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const reporter = options.reporter;
  reporter?.onBegin?.({
    planId: options.plan.planId, outDir: options.outDir, ...(options.plan.shard ? { shard: options.plan.shard } : {}),
    scenarios: options.plan.scenarios.map((planned) => ({ name: planned.scenario.name, clones: planned.clones.map(({ id, machine }) => ({ id, machine })) })),
  });
  // Every scenario and clone listens to the run's signal.
  setMaxListeners(0, options.signal);
  await Promise.all(['masters', 'scenarios'].map((folder) => rm(path.join(options.outDir, folder), { recursive: true, force: true })));
  const ended = new Set<string>();
  // Models a matrix derived join the run's catalog (after the models they derive from).
  const catalog = [...(options.catalog ?? hardwareCatalog), ...(options.plan.models ?? [])];
  const context: RunContext = {
    runDir: options.outDir, accel: options.accel, catalog, vmPermits: pLimit(options.jobs),
    retries: options.retries, bootTimeoutMs: options.bootTimeoutMs ?? 180_000, shared: new Map(), signal: options.signal,
    ...(options.masterCache ? { masterCache: options.masterCache } : {}),
    ...(options.onVmState ? { onVmState: options.onVmState } : {}),
    onCloneEnd: (scenario, clone) => {
      ended.add(clone.cloneId);
      reporter?.onCloneEnd?.(scenario, clone);
    },
  };
  // Each step's child processes (QEMU, host tools) are counted under its phase in results.json's host.cpu.
  const cpu = startCpuLedger();
  const actors = {
    installMaster: cpu.inPhase('install', installMasterStep(context)), generalizeMaster: cpu.inPhase('generalize', generalizeMasterStep(context)),
    captureImage: cpu.inPhase('capture', captureImageStep(context)), runTargets: cpu.inPhase('targets', runTargetsStep(context)), runChecks: cpu.inPhase('check', runChecksStep),
  };
  const scenarios = await Promise.all(options.plan.scenarios.map(async (planned) => {
    const ran = await runScenario(planned, {
      actors, retries: options.retries, timeouts: PHASE_BUDGET_MS, signal: options.signal,
      onTransition: (entry) => {
        options.onTransition?.(planned.scenario.name, entry);
        reporter?.onScenarioState?.(planned.scenario.name, entry);
      },
    });
    const result = planned.repeat ? { ...ran, repeat: planned.repeat } : ran;
    options.onScenarioEnd?.(result);
    // Clones that never finished their boot (an interrupted or errored scenario) end with it.
    for (const clone of result.clones.filter((entry) => !ended.has(entry.cloneId))) reporter?.onCloneEnd?.(result.name, clone);
    reporter?.onScenarioEnd?.(result);
    return result;
  }));
  const [kernel, qemu] = await Promise.all([ensureKernelTree().then((tree) => tree.release, () => 'unknown'), qemuVersion()]);
  const cpuRecord = cpu.finish();
  let result: RunResult = {
    schemaVersion: RESULTS_SCHEMA_VERSION, planId: options.plan.planId, ...(options.plan.shard ? { shard: options.plan.shard } : {}),
    startedAt, finishedAt: new Date().toISOString(), interrupted: options.signal.aborted,
    host: { accel: options.accel, qemu, kernel, jobs: options.jobs, retries: options.retries, ...(cpuRecord ? { cpu: cpuRecord } : {}) },
    machines: describeMachines(catalog),
    scenarios,
    ...(scenarios.some((scenario) => scenario.repeat) ? { repeats: summarizeRepeats(scenarios) } : {}),
  };
  // Retention is decided before the reports (they say what was kept) and done after them.
  const retention = options.keep ? await planRetention(options.outDir, result, options.keep, options.masterCache !== undefined) : undefined;
  if (retention) result = recordRetention(result, retention);
  const resultsFile = path.join(options.outDir, 'results.json');
  await writeFileAtomic(resultsFile, renderResultsJson(result));
  await reporter?.onEnd?.(result);
  if (retention?.record.applied) {
    const { left } = await removeRetained(retention, options.signal);
    if (left > 0) {
      // Ctrl-C while removing: what still exists stays, and results.json says so (the HTML report was written before).
      result = { ...result, retention: { ...retention.record, applied: false, note: `interrupted while removing: ${left} of ${retention.remove.length} file(s) were kept` } };
      await writeFileAtomic(resultsFile, renderResultsJson(result));
    }
  }
  return result;
}
