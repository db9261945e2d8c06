// `npm run bench [-- --quick] [-- --library] [-- --debian [--cold]] [-- --only 1,3]`: where clonelab stands against the
// floor and against the raw tools, with every ratio taken within one run (shared, noisy hosts).
// Prints a Markdown table on stdout (progress on stderr) and writes bench/results.json atomically.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../harness/host/atomic.js';
import { resolveAccel } from '../harness/qemu/accel.js';
import { cacheDir } from '../harness/host/cache-dir.js';
import { buildGuest } from '../harness/guest/build-guest.js';
import { pruneMasterCache } from '../harness/lifecycle/steps/master-cache.js';
import { parseBenchArgs } from './lib/args.js';
import { findBiggestGap, gapFactor } from './lib/biggest-gap.js';
import type { BenchContext } from './lib/context.js';
import { formatMarkdownTable, formatNumber } from './lib/format-table.js';
import { judgeRow, type BenchRow, type JudgedRow } from './lib/row.js';
import { benchBootVsFloor } from './sections/boot-vs-floor.js';
import { benchCloneCost } from './sections/clone-cost.js';
import { benchDebian } from './sections/debian.js';
import { benchFleet, type FleetOutput } from './sections/fleet.js';
import { benchLibrary } from './sections/library.js';
import { benchPlacement } from './sections/placement.js';
import { benchReports } from './sections/reports.js';

const args = parseBenchArgs(process.argv.slice(2));
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort(new Error(`bench interrupted by ${signal}`)));
const startedAt = new Date();
const loadBefore = os.loadavg()[0]!;
const log = (line: string): void => { console.error(`[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`); };
const workDir = await mkdtemp(path.join(os.tmpdir(), 'clonelab-bench-'));
const masterCache = path.join(cacheDir(), 'bench-masters');
const stale = await pruneMasterCache(masterCache, (await buildGuest()).hash);
if (stale.length > 0) log(`master cache: removed ${stale.length} entries of other guest builds`);
const context: BenchContext = { quick: args.quick, library: args.library, accel: await resolveAccel('auto'), masterCache, workDir, signal: controller.signal, log };
const rows: BenchRow[] = [];
const details: Record<string, unknown> = {};
const wants = (item: number): boolean => args.only.includes(item);

/** Runs one section; a section that throws leaves its error in the details and a row saying so. */
async function section<T extends { rows: BenchRow[]; details: Record<string, unknown> }>(name: string, item: BenchRow['item'], work: () => Promise<T>): Promise<T | undefined> {
  log(`${name}: start`);
  try {
    const output = await work();
    rows.push(...output.rows);
    details[name] = output.details;
    return output;
  } catch (error) {
    if (controller.signal.aborted) throw error;
    log(`${name}: failed: ${(error as Error).stack ?? String(error)}`);
    rows.push({ item, figure: `${name} section`, value: null, unit: '', note: `not available: ${(error as Error).message.split('\n')[0]!.slice(0, 200)}` });
    details[name] = { error: (error as Error).message };
    return undefined;
  }
}

try {
  log(`${args.quick ? 'quick' : 'full'} run, ${context.accel.toUpperCase()}, ${os.availableParallelism()} CPUs, load ${loadBefore.toFixed(1)}`);
  let fleet: FleetOutput | undefined;
  if (wants(3) || wants(4) || wants(5)) {
    fleet = await section('fleet', 3, () => benchFleet(context));
    if (fleet?.e1000Master) context.e1000Master = fleet.e1000Master;
  }
  if (wants(5)) {
    const real = [...(fleet?.runs ?? [])].sort((a, b) => b.spec.clones - a.spec.clones)[0]?.result;
    await section('reports', 5, () => benchReports(context, real));
  }
  if (wants(1)) await section('boot', 1, () => benchBootVsFloor(context));
  if (wants(2)) await section('imaging', 2, () => benchCloneCost(context));
  if (wants(6)) await section('placement', 6, () => benchPlacement(context));
  if (wants(7)) await section('library', 7, () => benchLibrary(context, args.only));
  if (wants(8)) await section('debian', 8, () => benchDebian(context, { cold: args.cold }));
  const judged = rows.filter((row) => wants(row.item)).sort((a, b) => a.item - b.item).map(judgeRow);
  const gap = findBiggestGap(judged, 'issue');
  const benchGap = findBiggestGap(judged, 'bench');
  const finishedAt = new Date();
  const header = `clonelab bench (${args.quick ? '--quick' : 'full'}): ${context.accel.toUpperCase()}, ${os.availableParallelism()} CPUs, load ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}, ${((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(0)} s`;
  const describeGap = (row: JudgedRow): string => `${row.figure}: ${formatNumber(row.value)} ${row.unit} against ${row.goal!.op === '<=' ? '≤' : '≥'} ${formatNumber(row.goal!.value)} (${gapFactor(row).toFixed(2)}× off)`;
  const gapLine = [
    gap ? `Biggest gap against the issue's goals: ${describeGap(gap)}.` : 'Every figure with a goal from the issue meets it.',
    ...(benchGap ? [`Biggest gap against the bench's own bounds: ${describeGap(benchGap)}.`] : []),
  ].join('\n');
  console.log(`${header}\n\n${formatMarkdownTable(judged)}\n\n${gapLine}`);
  const out = path.resolve(args.out);
  await writeFileAtomic(out, `${JSON.stringify({
    schemaVersion: 1, quick: args.quick, accel: context.accel, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(),
    host: { cpus: os.availableParallelism(), loadBefore, loadAfter: os.loadavg()[0], node: process.version, kernel: os.release(), loadavg: (await readFile('/proc/loadavg', 'utf8')).trim() },
    rows: judged, biggestGap: gap ?? null, biggestBenchBoundGap: benchGap ?? null, details,
  }, null, 2)}\n`);
  log(`results written to ${path.relative(process.cwd(), out)}`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}
