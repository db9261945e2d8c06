// Child process of the bench: runs one fleet (or the built-in library) with runLab in-process, so
// that its CPU time, its children's CPU time and its peak RSS belong to the harness alone.
// Input: one JSON FleetSpec argument. Output: one line `BENCH-RESULT {FleetMeasurement}`.
import path from 'node:path';
import { planRun } from '../harness/plan/plan-run.js';
import { runLab } from '../harness/run/run-lab.js';
import { resolveScenarios } from '../cli/load-scenarios.js';
import { fleetScenario, type FleetMeasurement, type FleetSpec } from './lib/fleet-spec.js';
import { readPeakRssMiB, readProcessUsage } from './lib/process-usage.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as FleetSpec;
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort(new Error(`bench fleet interrupted by ${signal}`)));
const scenarios = spec.clones === 0 ? await resolveScenarios([]) : [fleetScenario(spec.clones, spec.method)];
const plan = planRun(scenarios);
const before = readProcessUsage();
const started = performance.now();
await runLab({ plan, outDir: spec.outDir, accel: spec.accel, jobs: spec.jobs, retries: 0, signal: controller.signal, ...(spec.masterCache ? { masterCache: spec.masterCache } : {}) });
const wallMs = performance.now() - started;
const after = readProcessUsage();
const measurement: FleetMeasurement = {
  wallMs, selfCpuMs: after.selfCpuMs - before.selfCpuMs, childCpuMs: after.childCpuMs - before.childCpuMs,
  peakRssMiB: readPeakRssMiB(), resultsFile: path.join(spec.outDir, 'results.json'),
};
console.log(`BENCH-RESULT ${JSON.stringify(measurement)}`);
