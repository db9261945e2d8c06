import { invalidInput } from '../errors/errors.js';
import type { LogLimits } from './log-follower.js';
import type { VmChannels } from './types.js';

/** Options of `QemuVm.start`. */
export interface QemuVmOptions {
  /** VM name, used in every message. */
  name: string;
  /** Folder for the repro script (`runqemu.sh`); created if missing. */
  workDir: string;
  /** Where COM1, COM2 and QMP go: the same paths the command was built with. */
  channels: VmChannels;
  /** Aborting it stops the VM (SIGTERM, then SIGKILL after `graceMs`) and fails pending waits. */
  signal?: AbortSignal;
  /** Grace between SIGTERM and SIGKILL when the VM is stopped (default 3000 ms). */
  graceMs?: number;
  /** Environment of QEMU (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Hardware model name, carried by errors. */
  machine?: string;
  /** Bounds of the agent channel (COM2), which carries untrusted guest output. */
  agentLimits?: LogLimits;
}

/** Options of the `waitFor…` steps. */
export interface WaitOptions {
  timeoutMs: number;
  /** What is awaited, in words, for the error message (default: the pattern). */
  what?: string;
  /** On timeout, `stop` (default) ends the VM before rejecting; `keep` leaves it running (e.g. for a screendump). */
  onTimeout?: 'stop' | 'keep';
}

/** Grace between SIGTERM and SIGKILL when nobody says otherwise. */
export const DEFAULT_GRACE_MS = 3000;

/** Checks the options of `QemuVm.start` up front; the error names the option, what was expected and what came. */
export function validateVmOptions(options: QemuVmOptions): void {
  if (typeof options.name !== 'string' || options.name.trim() === '') throw invalidInput('VM name', 'a non-empty string', options.name);
  if (typeof options.workDir !== 'string' || options.workDir === '') throw invalidInput('VM workDir', 'a folder path', options.workDir);
  for (const key of ['consoleLog', 'agentLog', 'qmpSocket'] as const) {
    if (typeof options.channels?.[key] !== 'string' || options.channels[key] === '') throw invalidInput(`VM channels.${key}`, 'a file path', options.channels?.[key]);
  }
  if (options.graceMs !== undefined) validateMs('graceMs', options.graceMs);
}

/** Checks a duration option (a non-negative, finite number of milliseconds). */
export function validateMs(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw invalidInput(name, 'a non-negative number of milliseconds', value);
}
