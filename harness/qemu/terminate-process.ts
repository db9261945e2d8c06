import { raceExit } from './vm-exit.js';

/**
 * Ends a process: SIGTERM, then SIGKILL when it has not exited after `graceMs` (at once when
 * `graceMs` is 0). Resolves when `exit` (the process's exit promise) settled.
 */
export async function terminateProcess(pid: number, exit: Promise<unknown>, graceMs: number): Promise<void> {
  if (graceMs > 0) {
    sendSignal(pid, 'SIGTERM');
    if (!(await raceExit(exit, graceMs))) sendSignal(pid, 'SIGKILL');
  } else {
    sendSignal(pid, 'SIGKILL');
  }
  await exit;
}

/** Sends a signal to a process; one that is already gone is not an error. */
export function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
