// CPU times and peak memory of this process from Linux /proc, for the run's CPU accounting
// (issue 17). Pure parsers beside two small readers, so the parsing is testable on fixed lines.
import { readFileSync } from 'node:fs';

/** CPU times of one /proc/<pid>/stat line, in ms: the process's own, and its reaped children's. */
export interface ProcCpuTimes {
  userMs: number;
  systemMs: number;
  /** Children that ended and were waited for (cutime): their own time and their reaped children's. */
  childUserMs: number;
  childSystemMs: number;
}

/** Clock ticks per second of /proc times (USER_HZ: 100 on every Linux clonelab runs on). */
export const TICKS_PER_SECOND = 100;

/**
 * Parses utime, stime, cutime and cstime (fields 14–17) of a /proc/<pid>/stat line into ms.
 * The command name (field 2) may hold spaces and parentheses, so fields are counted after the last `)`.
 * @example parseProcCpuTimes('42 (node) S 1 … 150 30 900 120 …') // { userMs: 1500, systemMs: 300, … }
 */
export function parseProcCpuTimes(stat: string): ProcCpuTimes {
  const close = stat.lastIndexOf(')');
  const fields = close < 0 ? [] : stat.slice(close + 1).trim().split(/\s+/);
  // fields[0] is the state (field 3), so field 14 (utime) is fields[11].
  const ticks = [11, 12, 13, 14].map((index) => Number(fields[index] ?? Number.NaN));
  if (ticks.some((value) => !Number.isInteger(value) || value < 0)) {
    throw new Error(`Expected a /proc/<pid>/stat line with utime, stime, cutime and cstime after the command name, got: ${stat.slice(0, 120)}`);
  }
  const [userMs, systemMs, childUserMs, childSystemMs] = ticks.map((value) => (value * 1000) / TICKS_PER_SECOND) as [number, number, number, number];
  return { userMs, systemMs, childUserMs, childSystemMs };
}

/** Reads this process's /proc/self/stat CPU times (its children's grow as each one is reaped). */
export function readSelfCpuTimes(): ProcCpuTimes {
  return parseProcCpuTimes(readFileSync('/proc/self/stat', 'utf8'));
}

/** Parses the peak resident set size (VmHWM) of a /proc/<pid>/status text, in MiB; undefined when absent. */
export function parsePeakRssMiB(status: string): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

/** Peak resident set size of this process in MiB (VmHWM; Node's maxRSS where /proc has none). */
export function readPeakRssMiB(): number {
  return parsePeakRssMiB(readFileSync('/proc/self/status', 'utf8')) ?? process.resourceUsage().maxRSS / 1024;
}
