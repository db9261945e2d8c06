// Item 7: the built-in library run once as a user runs it (`npm start`), each figure of issue 17's
// goal table beside its goal, and where the CPU time went (results.json's host.cpu). Pure: the
// section measures, this turns the measurement and the run's results into rows.
import type { CpuRecord, RunResult } from '../../harness/results/types.js';
import type { BenchRow, Goal } from './row.js';

/** What the library section measured around `clonelab run`. */
export interface LibraryMeasurement {
  wallMs: number;
  /** CPU of the CLI process and everything it started (the bench's cutime + cstime growth). */
  userMs: number;
  systemMs: number;
  cores: number;
  /** `du` of the out folder after the run: allocated and apparent bytes. */
  diskBytes: number;
  apparentBytes: number;
  exitCode: number;
}

const goal = (op: Goal['op'], value: number): Goal => ({ op, value, source: 'issue' });
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Mean boot-to-verdict (QEMU start to the probe report) of the run's booted clones, in s, and their count. */
export function meanCloneBoot(result: RunResult): { meanSeconds: number; clones: number } {
  const boots = result.scenarios.flatMap((scenario) => scenario.clones).filter((clone) => clone.status === 'booted' && clone.bootSeconds !== undefined).map((clone) => clone.bootSeconds!);
  return { meanSeconds: boots.length > 0 ? boots.reduce((sum, value) => sum + value, 0) / boots.length : Number.NaN, clones: boots.length };
}

/** Rows of the issue's goal table measured by this run. */
export function libraryRows(measured: LibraryMeasurement, result: RunResult): BenchRow[] {
  const cpuMs = measured.userMs + measured.systemMs;
  const boot = meanCloneBoot(result);
  const clones = result.scenarios.reduce((sum, scenario) => sum + scenario.clones.length, 0);
  const cpu = result.host.cpu;
  const rows: BenchRow[] = [
    { item: 7, figure: 'built-in library, `npm start`, wall', value: measured.wallMs / 1000, unit: 's', goal: goal('<=', 180), note: `${result.scenarios.length} scenarios, ${clones} clones, --jobs ${result.host.jobs}, ${result.host.accel.toUpperCase()}, ${measured.cores} cores, --keep failures; exit ${measured.exitCode}` },
    { item: 7, figure: 'CPU-seconds of the whole library run (user + sys)', value: cpuMs / 1000, unit: 's', goal: goal('<=', 330), note: `user ${seconds(measured.userMs)} + sys ${seconds(measured.systemMs)}: the CLI process and everything it started` },
    { item: 7, figure: 'core utilisation during the run', value: (100 * cpuMs) / (measured.wallMs * measured.cores), unit: '%', goal: goal('>=', 90), note: `CPU-seconds / (wall × ${measured.cores} cores)` },
    { item: 7, figure: 'mean clone boot-to-verdict inside the run', value: boot.meanSeconds, unit: 's', note: `${boot.clones} booted clones, QEMU start to probe report; the issue's goal is on its ratio to a boot alone (row below)` },
    { item: 7, figure: 'clone boot-to-verdict inside the library run / alone', value: null, unit: '×', goal: goal('<=', 1.3), note: 'separate measurement: a boot alone is section 1 (`npm run bench -- --only 1`, guest ms per controller); divide the mean above by it' },
    { item: 7, figure: 'disk left by a default run (--keep failures)', value: measured.diskBytes / 2 ** 20, unit: 'MiB', goal: goal('<=', 1024), note: `du of the out folder: ${(measured.diskBytes / 2 ** 20).toFixed(1)} MiB allocated, ${(measured.apparentBytes / 2 ** 20).toFixed(1)} MiB apparent` },
    { item: 7, figure: 'bytes written per clone boot besides the clone\'s disk', value: null, unit: 'MB', goal: goal('<=', 1), note: 'not measured here: the harness, QEMU and the tools all write clone disks too, so their write counters (/proc/<pid>/io) do not separate the rest; boot files are content-addressed (one kernel per run, linked per boot)' },
  ];
  rows.push(...cpuRows(cpu, cpuMs));
  return rows;
}

/** Harness share and peak RSS, then the children's CPU per phase (programs in the note), from host.cpu. */
export function cpuRows(cpu: CpuRecord | undefined, totalCpuMs: number): BenchRow[] {
  if (!cpu) {
    const reason = 'not available: results.json has no host.cpu (no /proc?)';
    return [
      { item: 7, figure: 'harness CPU share of wall time, built-in library', value: null, unit: '%', goal: goal('<=', 5), note: reason },
      { item: 7, figure: 'peak RSS of the harness process, built-in library', value: null, unit: 'MiB', goal: goal('<=', 200), note: reason },
    ];
  }
  const harnessMs = cpu.harness.userMs + cpu.harness.systemMs;
  const share = (ms: number): string => `${((100 * ms) / totalCpuMs).toFixed(1)} % of the run's CPU`;
  const rows: BenchRow[] = [
    { item: 7, figure: 'harness CPU share of wall time, built-in library', value: (100 * harnessMs) / cpu.wallMs, unit: '%', goal: goal('<=', 5), note: `Node process: user ${seconds(cpu.harness.userMs)} + sys ${seconds(cpu.harness.systemMs)} over ${seconds(cpu.wallMs)} of runLab; ${share(harnessMs)}` },
    { item: 7, figure: 'peak RSS of the harness process, built-in library', value: cpu.harness.peakRssMiB, unit: 'MiB', goal: goal('<=', 200), note: 'VmHWM of the CLI\'s Node process' },
  ];
  const phases = [...new Set(cpu.byPhase.map((entry) => entry.phase))];
  const phaseMs = (phase: string): number => cpu.byPhase.filter((entry) => entry.phase === phase).reduce((sum, entry) => sum + entry.userMs + entry.systemMs, 0);
  for (const phase of phases.sort((a, b) => phaseMs(b) - phaseMs(a))) {
    const programs = cpu.byPhase.filter((entry) => entry.phase === phase)
      .map((entry) => `${entry.program} ${seconds(entry.userMs + entry.systemMs)}${entry.processes > 0 ? ` ×${entry.processes}` : ''} (sys ${seconds(entry.systemMs)})`);
    rows.push({ item: 7, figure: `CPU-seconds of child processes, phase ${phase}`, value: phaseMs(phase) / 1000, unit: 's', note: `${share(phaseMs(phase))}: ${programs.join(', ')}` });
  }
  rows.push({ item: 7, figure: 'CPU-seconds of the harness process itself', value: harnessMs / 1000, unit: 's', note: `${share(harnessMs)}; not split by phase (one event loop)` });
  return rows;
}

/** Rows pointing at the sections that measure the issue's other figures, for those not run in this bench. */
export function pointerRows(sectionsRun: readonly number[]): BenchRow[] {
  const rows: BenchRow[] = [];
  if (!sectionsRun.includes(1)) rows.push({ item: 7, figure: 'clone boot-to-verdict / floor, per controller, alone', value: null, unit: '×', goal: goal('<=', 1.3), note: 'separate measurement: section 1, `npm run bench -- --only 1` (or `--library --only 1` for both in one run)' });
  if (!sectionsRun.includes(2)) {
    rows.push(
      { item: 7, figure: 'WIM apply to NTFS / mkntfs + wimlib-imagex', value: null, unit: '×', goal: goal('<=', 1.25), note: 'separate measurement: section 2, `npm run bench -- --only 2` (rows per compression)' },
      { item: 7, figure: 'sector clone / cp --sparse', value: null, unit: '×', goal: goal('<=', 2.5), note: 'separate measurement: section 2, `npm run bench -- --only 2`' },
    );
  }
  return rows;
}
