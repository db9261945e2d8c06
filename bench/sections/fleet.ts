// Items 3 and 4: fleet scaling (--jobs 1 vs --jobs 2; cost per clone as the fleet grows) and the
// harness's own overhead (CPU share of wall time, peak RSS), each fleet run in a fresh child
// process running runLab in-process.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { masterKeyOf } from '../../harness/plan/plan-run.js';
import type { RunResult } from '../../harness/results/types.js';
import type { BenchContext, SectionOutput } from '../lib/context.js';
import { fleetScenario, type FleetMeasurement, type FleetMethod, type FleetSpec } from '../lib/fleet-spec.js';
import { unavailableRow, type BenchRow, type Goal } from '../lib/row.js';
import { runFleetChild } from '../lib/run-fleet-child.js';
import { ratio } from '../lib/stats.js';
import { targetsPhaseMs } from '../lib/targets-phase.js';

/** One finished fleet run. */
export interface FleetRun {
  spec: FleetSpec;
  measurement: FleetMeasurement;
  result: RunResult;
  /** Wall time of the targets phase, and per clone. */
  targetsMs: number;
  perCloneMs: number;
}

/** What the fleet section leaves for later sections: the runs (their folders stay until the bench ends). */
export interface FleetOutput extends SectionOutput {
  runs: FleetRun[];
  /** The installed (not generalized) desktop-e1000 master of the first run. */
  e1000Master?: string;
}

const SPEEDUP_GOAL: Goal = { op: '>=', value: 1.8, source: 'issue' };
const FLAT_GOAL: Goal = { op: '<=', value: 1.2, source: 'bench' };
const CPU_SHARE_GOAL: Goal = { op: '<=', value: 5, source: 'issue' };
const RSS_GOAL: Goal = { op: '<=', value: 200, source: 'issue' };

/** Measures items 3 and 4. Quick: sector clones, fleets of 2 (jobs 1 and 2) and 4; full: WIM clones of a generalized master, 8 with jobs 1, and 2/4/8/16 with jobs 2. */
export async function benchFleet(context: BenchContext): Promise<FleetOutput> {
  const method: FleetMethod = context.quick ? 'sector' : 'file';
  const speedupSize = context.quick ? 2 : 8;
  const sizes = context.quick ? [2, 4] : [2, 4, 8, 16];
  const runs = new Map<string, FleetRun>();
  const errors = new Map<string, string>();
  const run = async (clones: number, jobs: number): Promise<FleetRun | undefined> => {
    const key = `${clones}x${jobs}`;
    if (runs.has(key) || errors.has(key)) return runs.get(key);
    const spec: FleetSpec = { clones, jobs, method, outDir: path.join(context.workDir, 'fleet', key), accel: context.accel, masterCache: context.masterCache };
    context.log(`fleet: ${clones} ${method} clones with --jobs ${jobs}`);
    try {
      const measurement = await runFleetChild(spec, context.signal);
      const result = JSON.parse(await readFile(measurement.resultsFile, 'utf8')) as RunResult;
      const scenario = result.scenarios[0];
      if (!scenario) throw new Error('the fleet run has no scenario result');
      const booted = scenario.clones.filter((clone) => clone.status === 'booted').length;
      if (booted !== clones) throw new Error(`only ${booted} of ${clones} clones booted (${scenario.status}${scenario.error ? `: ${scenario.error.message}` : ''})`);
      const targetsMs = targetsPhaseMs(scenario);
      const done: FleetRun = { spec, measurement, result, targetsMs, perCloneMs: targetsMs / clones };
      context.log(`fleet: ${key} wall ${(measurement.wallMs / 1000).toFixed(1)} s, targets ${(targetsMs / 1000).toFixed(1)} s, ${(done.perCloneMs / 1000).toFixed(2)} s per clone${scenario.reusedMasters ? ', master reused' : ''}`);
      runs.set(key, done);
      return done;
    } catch (error) {
      errors.set(key, (error as Error).message.split('\n')[0]!.slice(0, 200));
      context.log(`fleet: ${key} failed: ${(error as Error).message}`);
      return undefined;
    }
  };
  const rows: BenchRow[] = [];
  const serial = await run(speedupSize, 1);
  const parallel = await run(speedupSize, 2);
  const speedupFigure = `fleet of ${speedupSize}: --jobs 2 speed-up over --jobs 1 (targets phase)`;
  if (serial && parallel) {
    rows.push({
      item: 3, figure: speedupFigure, value: ratio(serial.targetsMs, parallel.targetsMs), unit: '×', goal: SPEEDUP_GOAL,
      note: `targets ${(serial.targetsMs / 1000).toFixed(1)} s vs ${(parallel.targetsMs / 1000).toFixed(1)} s; the master is installed${method === 'file' ? ' and generalized' : ''} once and reused (--master-cache), capture is serial`,
    });
  } else {
    rows.push(unavailableRow(3, speedupFigure, '×', [...errors.values()].join('; '), SPEEDUP_GOAL));
  }
  const scaling: FleetRun[] = [];
  for (const size of sizes) {
    const done = await run(size, 2);
    if (done) scaling.push(done);
  }
  const base = scaling[0];
  for (const size of sizes.slice(1)) {
    const figure = `time per clone, fleet of ${size} / fleet of ${sizes[0]} (--jobs 2)`;
    const done = scaling.find((entry) => entry.spec.clones === size);
    if (!base || !done) rows.push(unavailableRow(3, figure, '×', errors.get(`${size}x2`) ?? errors.get(`${sizes[0]}x2`) ?? 'run failed', FLAT_GOAL));
    else rows.push({ item: 3, figure, value: ratio(done.perCloneMs, base.perCloneMs), unit: '×', goal: FLAT_GOAL, note: `${(done.perCloneMs / 1000).toFixed(2)} s vs ${(base.perCloneMs / 1000).toFixed(2)} s per clone; issue: should stay flat` });
  }
  const largest = sizes.at(-1)!;
  const overheadRun = runs.get(`${largest}x2`);
  rows.push(...overheadRows(overheadRun, `fleet of ${largest}`, errors.get(`${largest}x2`)));
  // The built-in library's figures are section 7's (`--library`), which runs it as `npm start` does.
  if (!context.library) {
    rows.push(unavailableRow(4, 'harness CPU share of wall time, built-in library', '%', `the library takes minutes under TCG: run \`npm run bench -- --library\` (section 7); the fleet of ${largest} row above stands in`, CPU_SHARE_GOAL));
  }
  const first = [...runs.values()][0];
  const e1000Master = first ? path.join(first.spec.outDir, 'masters', masterKeyOf(fleetScenario(first.spec.clones, method)), 'master.img') : undefined;
  return {
    rows, runs: [...runs.values()], ...(e1000Master && existsSync(e1000Master) ? { e1000Master } : {}),
    details: {
      method,
      runs: [...runs.values()].map(({ spec, measurement, result, targetsMs, perCloneMs }) => ({
        clones: spec.clones, jobs: spec.jobs, ...measurement, targetsMs, perCloneMs, masterReused: Boolean(result.scenarios[0]?.reusedMasters),
      })),
      errors: Object.fromEntries(errors),
    },
  };
}

function overheadRows(done: FleetRun | undefined, label: string, error: string | undefined): BenchRow[] {
  const shareFigure = `harness CPU share of wall time, ${label}`;
  const rssFigure = `peak RSS of the harness process, ${label}`;
  if (!done) return [unavailableRow(4, shareFigure, '%', error ?? 'run failed', CPU_SHARE_GOAL), unavailableRow(4, rssFigure, 'MiB', error ?? 'run failed', RSS_GOAL)];
  const { wallMs, selfCpuMs, childCpuMs, peakRssMiB } = done.measurement;
  return [
    { item: 4, figure: shareFigure, value: (100 * selfCpuMs) / wallMs, unit: '%', goal: CPU_SHARE_GOAL, note: `harness ${(selfCpuMs / 1000).toFixed(1)} s CPU, child processes ${(childCpuMs / 1000).toFixed(1)} s CPU (${((100 * childCpuMs) / wallMs).toFixed(0)}% of wall), wall ${(wallMs / 1000).toFixed(1)} s` },
    { item: 4, figure: rssFigure, value: peakRssMiB, unit: 'MiB', goal: RSS_GOAL, note: 'VmHWM of the Node process running runLab' },
  ];
}
