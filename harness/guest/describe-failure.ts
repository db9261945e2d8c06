import { readFile } from 'node:fs/promises';
import type { BootOutcome } from './boot-guest.js';

/** Says in a few words why a boot gave no whole report: STOP, timeout, early exit, missing lines. */
export function describeFailure(outcome: BootOutcome): string {
  const vm = outcome.vm;
  const ended = vm.timedOut ? `timed out after ${Math.round(vm.durationMs / 1000)} s` : `QEMU exited (${vm.exitCode ?? vm.signal ?? '?'}) after ${Math.round(vm.durationMs / 1000)} s`;
  if (outcome.stop) return `STOP ${outcome.stop}, ${ended}`;
  if (!outcome.report) return `no probe line, ${ended}`;
  return `setup ${outcome.report.setup ?? '-'}, report ${outcome.report.complete ? 'complete' : 'incomplete'}, ${ended}`;
}

/** The last lines of a console log, joined on one line (for an error message). */
export async function readConsoleTail(file: string, lines = 4): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-lines).join(' | ').slice(-600) || '(empty console log)';
}
