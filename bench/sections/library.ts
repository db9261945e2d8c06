// Item 7 (issue 17): the built-in library run once as a user runs it (`npm start`: the CLI in a
// child process, --keep failures) into a scratch out folder; wall time, the CPU time of the CLI
// and everything it started, the out folder's disk use, and the run's own CPU breakdown.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { BoundedTail } from '../../harness/qemu/bounded-tail.js';
import { readSelfCpuTimes } from '../../harness/host/proc-stat.js';
import type { RunResult } from '../../harness/results/types.js';
import type { BenchContext, SectionOutput } from '../lib/context.js';
import { measureDiskUsage } from '../lib/disk-usage.js';
import { libraryRows, pointerRows, type LibraryMeasurement } from '../lib/library-rows.js';

const CLI = fileURLToPath(new URL('../../cli/main.js', import.meta.url));

/** Runs the built-in library once and measures it; `sectionsRun` are the other sections of this bench (their figures are not pointed at). */
export async function benchLibrary(context: BenchContext, sectionsRun: readonly number[]): Promise<SectionOutput> {
  const outDir = path.join(context.workDir, 'library');
  context.log(`library: node dist/cli/main.js run --out ${outDir} --keep failures (about 4–5 minutes on 2 cores under TCG)`);
  const before = readSelfCpuTimes();
  const started = performance.now();
  // Nothing else runs in the bench meanwhile, so the growth of its children's CPU is the CLI's and its children's.
  const subprocess = execa(process.execPath, [CLI, 'run', '--out', outDir, '--keep', 'failures'], {
    cancelSignal: context.signal, forceKillAfterDelay: 10_000, reject: false, stdin: 'ignore', all: true, buffer: false,
  });
  const tail = new BoundedTail(4000); // the CLI's progress lines: kept only to explain a failure
  subprocess.all.on('data', (chunk: Buffer) => { tail.push(chunk); });
  const child = await subprocess;
  const wallMs = performance.now() - started;
  const after = readSelfCpuTimes();
  if (context.signal.aborted) throw context.signal.reason;
  let result: RunResult;
  try {
    result = JSON.parse(await readFile(path.join(outDir, 'results.json'), 'utf8')) as RunResult;
  } catch (error) {
    throw new Error(`the library run (exit ${child.exitCode ?? child.signal}) left no readable results.json: ${(error as Error).message}; its output ended: ${tail.text().slice(-600)}`);
  }
  const disk = await measureDiskUsage(outDir, context.signal);
  const measured: LibraryMeasurement = {
    wallMs, userMs: after.childUserMs - before.childUserMs, systemMs: after.childSystemMs - before.childSystemMs,
    cores: os.availableParallelism(), diskBytes: disk.allocated, apparentBytes: disk.apparent, exitCode: child.exitCode ?? -1,
  };
  context.log(`library: wall ${(wallMs / 1000).toFixed(1)} s, CPU ${((measured.userMs + measured.systemMs) / 1000).toFixed(1)} s, out folder ${(disk.allocated / 2 ** 20).toFixed(1)} MiB, exit ${measured.exitCode}`);
  return {
    rows: [...libraryRows(measured, result), ...pointerRows(sectionsRun)],
    // Each scenario's timeline (state, ms since the run began): the data for the scheduler's critical path.
    details: {
      ...measured, cpu: result.host.cpu ?? null,
      scenarios: result.scenarios.map((scenario) => ({ name: scenario.name, status: scenario.status, timeline: scenario.timeline.map(({ state, at }) => ({ state, ms: at - Date.parse(result.startedAt) })) })),
    },
  };
}
