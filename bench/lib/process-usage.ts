import { readFileSync } from 'node:fs';

/** CPU time of this process and of its waited-for children, from /proc/self/stat, in ms. */
export interface ProcessUsage {
  /** User + system CPU of this process (all its threads), from process.cpuUsage(). */
  selfCpuMs: number;
  /** User + system CPU of terminated, waited-for children (QEMU, wimlib, mkfs…): cutime + cstime. */
  childCpuMs: number;
}

/** Clock ticks per second of /proc times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Parses the utime/stime/cutime/cstime fields of a /proc/<pid>/stat line into ms. */
export function parseProcStat(stat: string): { selfMs: number; childMs: number } {
  // The command name (field 2) may hold spaces and parentheses: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(/\s+/);
  // After the name: state is field 3, so utime (14) is index 11 here.
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((index) => Number(fields[index]));
  if ([utime, stime, cutime, cstime].some((value) => value === undefined || !Number.isFinite(value))) throw new Error(`unexpected /proc stat line: ${stat.slice(0, 120)}`);
  const toMs = (ticks: number): number => (ticks * 1000) / TICKS_PER_SECOND;
  return { selfMs: toMs(utime! + stime!), childMs: toMs(cutime! + cstime!) };
}

/** Reads this process's CPU time and its children's so far. */
export function readProcessUsage(): ProcessUsage {
  const usage = process.cpuUsage();
  return { selfCpuMs: (usage.user + usage.system) / 1000, childCpuMs: parseProcStat(readFileSync('/proc/self/stat', 'utf8')).childMs };
}

/** Peak resident set size of this process in MiB (VmHWM). */
export function readPeakRssMiB(): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}
