// Per-child CPU accounting without touching the places that spawn: Node publishes every
// ChildProcess it creates on the `child_process` diagnostics channel (execa's included), and the
// caller's AsyncLocalStorage context at that moment says whom the child works for. When a child's
// `exit` event fires, libuv has just reaped it, so the growth of this process's cutime + cstime
// since the previous exit is that child's CPU (and that of the grandchildren it waited for).
// Two children reaped in the same libuv batch both land on the first of them; the run's total
// stays exact either way.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChildProcess } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import path from 'node:path';
import { readSelfCpuTimes, type ProcCpuTimes } from './proc-stat.js';

/** CPU time of one ended child process, in ms. */
export interface ChildCpu {
  userMs: number;
  systemMs: number;
}

/** Told once per ended child started inside `runWithChildCpu`: its program (file name, no folder) and CPU time. */
export type ChildCpuRecorder = (program: string, cpu: ChildCpu) => void;

const scopes = new AsyncLocalStorage<ChildCpuRecorder>();
let last: ProcCpuTimes | undefined;

/** The CPU time children used between two readings of /proc/self/stat. */
export function childGrowth(before: ProcCpuTimes, after: ProcCpuTimes): ChildCpu {
  return { userMs: Math.max(0, after.childUserMs - before.childUserMs), systemMs: Math.max(0, after.childSystemMs - before.childSystemMs) };
}

/** The program a child runs, as named in reports: the file name of its executable. */
export function programOf(spawnfile: string | undefined): string {
  return spawnfile ? path.basename(spawnfile) : 'unknown';
}

function onChildCreated(message: unknown): void {
  const child = (message as { process?: ChildProcess }).process;
  if (!child) return;
  const record = scopes.getStore();
  child.once('exit', () => {
    // Every child moves the reading on, counted or not, so each growth belongs to the child that just ended.
    const now = readSelfCpuTimes();
    const growth = childGrowth(last ?? now, now);
    last = now;
    record?.(programOf(child.spawnfile), growth);
  });
}

/**
 * Starts listening for child processes (once per process); false when there is no /proc (not
 * Linux): then nothing is recorded and the run goes on.
 */
export function startChildCpuTracking(): boolean {
  if (last) return true;
  try {
    last = readSelfCpuTimes();
  } catch {
    return false;
  }
  diagnostics.subscribe('child_process', onChildCreated);
  return true;
}

/**
 * Runs `work` so that every child process it starts (directly or in anything it awaits) reports
 * its CPU time to `record` when it ends (after `startChildCpuTracking`).
 */
export function runWithChildCpu<T>(record: ChildCpuRecorder, work: () => T): T {
  return scopes.run(record, work);
}
