// Where a run's CPU time goes (issue 17): the harness process's own time, and its child
// processes' time by lifecycle phase and program, for results.json's host section. Children are
// attributed by the step that started them (see harness/host/child-cpu.ts); the harness's own
// time is not split by phase, since its phases interleave on one event loop.
import os from 'node:os';
import type { AnyActorLogic } from 'xstate';
import { runWithChildCpu, startChildCpuTracking, type ChildCpu } from '../host/child-cpu.js';
import { readPeakRssMiB, readSelfCpuTimes, type ProcCpuTimes } from '../host/proc-stat.js';
import type { CpuPhaseRecord, CpuRecord, Phase } from '../results/types.js';

/** Accounts one run's CPU time. */
export interface CpuLedger {
  /** The same step logic, with the children it starts counted under `phase`. */
  inPhase<T extends AnyActorLogic>(phase: Phase, logic: T): T;
  /** The record for results.json's host section; undefined without /proc. */
  finish(): CpuRecord | undefined;
}

/** What the ledger gathered, as summarizeCpu reads it. */
export interface CpuTally {
  wallMs: number;
  cores: number;
  harness: { userMs: number; systemMs: number; peakRssMiB: number };
  children: ChildCpu;
  /** Ended children counted per phase and program. */
  counted: readonly CpuPhaseRecord[];
}

/** Adds one ended child to the per-phase, per-program tally (keyed `phase program`). */
export function addChild(tally: Map<string, CpuPhaseRecord>, phase: Phase, program: string, cpu: ChildCpu): void {
  const key = `${phase} ${program}`;
  const entry = tally.get(key) ?? { phase, program, userMs: 0, systemMs: 0, processes: 0 };
  tally.set(key, { ...entry, userMs: entry.userMs + cpu.userMs, systemMs: entry.systemMs + cpu.systemMs, processes: entry.processes + 1 });
}

/**
 * Builds the record: counted children largest first, and what the run's children used beyond them
 * (started outside every phase, or still running at the end) as `outside`/`unattributed`.
 */
export function summarizeCpu(tally: CpuTally): CpuRecord {
  const byPhase: CpuPhaseRecord[] = tally.counted.map((entry) => ({ ...entry }));
  const sum = (key: 'userMs' | 'systemMs'): number => byPhase.reduce((total, entry) => total + entry[key], 0);
  const rest = { userMs: Math.max(0, tally.children.userMs - sum('userMs')), systemMs: Math.max(0, tally.children.systemMs - sum('systemMs')) };
  if (rest.userMs + rest.systemMs > 0) byPhase.push({ phase: 'outside', program: 'unattributed', ...rest, processes: 0 });
  byPhase.sort((a, b) => (b.userMs + b.systemMs) - (a.userMs + a.systemMs) || a.phase.localeCompare(b.phase) || a.program.localeCompare(b.program));
  return { wallMs: tally.wallMs, cores: tally.cores, harness: tally.harness, children: tally.children, byPhase };
}

/** Starts accounting a run's CPU time from now. */
export function startCpuLedger(): CpuLedger {
  const tracked = startChildCpuTracking();
  const started = performance.now();
  const harnessBefore = process.cpuUsage();
  const before: ProcCpuTimes | undefined = tracked ? readSelfCpuTimes() : undefined;
  const tally = new Map<string, CpuPhaseRecord>();
  return {
    inPhase<T extends AnyActorLogic>(phase: Phase, logic: T): T {
      const start = logic.start;
      if (!tracked || !start) return logic;
      const record = (program: string, cpu: ChildCpu): void => { addChild(tally, phase, program, cpu); };
      return { ...logic, start: (...args: Parameters<typeof start>) => runWithChildCpu(record, () => start(...args)) };
    },
    finish(): CpuRecord | undefined {
      if (!before) return undefined;
      const after = readSelfCpuTimes();
      const harness = process.cpuUsage(harnessBefore);
      return summarizeCpu({
        wallMs: performance.now() - started, cores: os.availableParallelism(),
        harness: { userMs: harness.user / 1000, systemMs: harness.system / 1000, peakRssMiB: readPeakRssMiB() },
        children: { userMs: after.childUserMs - before.childUserMs, systemMs: after.childSystemMs - before.childSystemMs },
        counted: [...tally.values()],
      });
    },
  };
}
