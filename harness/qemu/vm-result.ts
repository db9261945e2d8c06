/** What a finished (or stopped) VM leaves behind: how it ended, and where its evidence is. */
export interface VmResult {
  /** QEMU's exit code, when it exited by itself (0 after a guest power-off or `quit`). */
  exitCode?: number;
  /** The signal that ended QEMU, when one did (`SIGTERM`, `SIGKILL`). */
  signal?: string;
  /** True when a timeout ended the VM. */
  timedOut: boolean;
  /** True when the owner's AbortSignal ended the VM. */
  canceled: boolean;
  /** Milliseconds from start to exit. */
  durationMs: number;
  /** Path of the COM1 console log file. */
  consoleLog: string;
  /** Path of the COM2 agent log file. */
  agentLog: string;
  /** Path of the runnable repro script (`runqemu.sh`). */
  runScript: string;
  /** The last bytes QEMU wrote to stderr. */
  stderrTail: string;
}

/** How a VM ended and where its evidence is, from its exit facts (times in ms since the epoch of `performance.now()`). */
export function toVmResult(
  exit: { exitCode?: number; signal?: string; at: number }, startedAt: number,
  ended: { timedOut: boolean; canceled: boolean },
  evidence: { consoleLog: string; agentLog: string; runScript: string; stderrTail: string },
): VmResult {
  return {
    ...(exit.exitCode === undefined ? {} : { exitCode: exit.exitCode }), ...(exit.signal === undefined ? {} : { signal: exit.signal }),
    ...ended, durationMs: Math.round(exit.at - startedAt), ...evidence,
  };
}
