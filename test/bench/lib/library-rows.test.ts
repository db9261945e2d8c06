import test from 'ava';
import { cpuRows, libraryRows, meanCloneBoot, pointerRows, type LibraryMeasurement } from '../../../bench/lib/library-rows.js';
import { RESULTS_SCHEMA_VERSION, type CloneRun, type CpuRecord, type RunResult, type ScenarioResult } from '../../../harness/results/types.js';

const clone = (bootSeconds: number | undefined, status: CloneRun['status'] = 'booted'): CloneRun => ({ cloneId: `c${bootSeconds}`, machine: 'desktop-e1000', status, ...(bootSeconds === undefined ? {} : { bootSeconds }) } as CloneRun);
const cpu: CpuRecord = {
  wallMs: 200_000, cores: 2, harness: { userMs: 6000, systemMs: 2000, peakRssMiB: 250 }, children: { userMs: 300_000, systemMs: 80_000 },
  byPhase: [
    { phase: 'targets', program: 'qemu-system-x86_64', userMs: 200_000, systemMs: 50_000, processes: 40 },
    { phase: 'install', program: 'qemu-system-x86_64', userMs: 60_000, systemMs: 10_000, processes: 8 },
    { phase: 'targets', program: 'wimlib-imagex', userMs: 40_000, systemMs: 20_000, processes: 20 },
  ],
};
const result = (clones: CloneRun[], withCpu = true): RunResult => ({
  schemaVersion: RESULTS_SCHEMA_VERSION, planId: 'p', startedAt: '', finishedAt: '', interrupted: false, machines: [],
  host: { accel: 'tcg', qemu: '8.2', kernel: '6.1', jobs: 2, retries: 0, ...(withCpu ? { cpu } : {}) },
  scenarios: [{ name: 's', clones } as unknown as ScenarioResult],
});
const measured: LibraryMeasurement = { wallMs: 250_000, userMs: 350_000, systemMs: 90_000, cores: 2, diskBytes: 3 * 2 ** 20, apparentBytes: 9 * 2 ** 20, exitCode: 0 };

test('the mean boot-to-verdict counts booted clones with a boot time only', (t) => {
  t.deepEqual(meanCloneBoot(result([clone(8), clone(10), clone(undefined), clone(30, 'errored')])), { meanSeconds: 9, clones: 2 });
  t.true(Number.isNaN(meanCloneBoot(result([])).meanSeconds));
});

test('the goal rows carry the measured figures: wall, CPU, utilisation, disk', (t) => {
  const rows = libraryRows(measured, result([clone(8), clone(10)]));
  const value = (prefix: string): number | null | undefined => rows.find((row) => row.figure.startsWith(prefix))?.value;
  t.is(value('built-in library'), 250);
  t.is(value('CPU-seconds of the whole'), 440);
  t.is(value('core utilisation'), 88);
  t.is(value('mean clone boot'), 9);
  t.is(value('disk left'), 3);
  // Not measured in this run: no number is made up.
  t.is(value('bytes written per clone boot'), null);
  t.regex(rows.find((row) => row.figure.startsWith('bytes written'))!.note!, /^not measured here/);
});

test('the CPU rows give the harness share of wall, its peak RSS, and each phase largest first with its programs', (t) => {
  const rows = cpuRows(cpu, 440_000);
  t.is(rows[0]!.value, 4); // 8 s over 200 s
  t.is(rows[1]!.value, 250);
  const phases = rows.filter((row) => row.figure.startsWith('CPU-seconds of child processes'));
  t.deepEqual(phases.map((row) => [row.figure, row.value]), [['CPU-seconds of child processes, phase targets', 310], ['CPU-seconds of child processes, phase install', 70]]);
  t.regex(phases[0]!.note!, /qemu-system-x86_64 250\.0 s ×40.*wimlib-imagex 60\.0 s ×20/);
  t.is(rows.at(-1)!.value, 8);
});

test('without host.cpu the harness rows say why they are empty', (t) => {
  const rows = cpuRows(undefined, 1);
  t.deepEqual(rows.map((row) => row.value), [null, null]);
  t.regex(rows[0]!.note!, /no host\.cpu/);
});

test('pointer rows name the sections not run in this bench', (t) => {
  t.is(pointerRows([7]).length, 3);
  t.deepEqual(pointerRows([1, 7]).map((row) => row.figure), ['WIM apply to NTFS / mkntfs + wimlib-imagex', 'sector clone / cp --sparse']);
  t.deepEqual(pointerRows([1, 2, 7]), []);
});
