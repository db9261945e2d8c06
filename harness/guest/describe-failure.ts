import { open } from 'node:fs/promises';
import type { BootOutcome } from './boot-guest.js';

/** Says in a few words why a boot gave no whole report: STOP, timeout, early exit (with QEMU's own complaint), missing lines. */
export function describeFailure(outcome: BootOutcome): string {
  const vm = outcome.vm;
  // A QEMU that refused to start (bad option, missing file) says why on stderr, not on the console.
  const complaint = !vm.timedOut && vm.exitCode !== undefined && vm.exitCode !== 0 ? lastLine(vm.stderrTail) : '';
  const exited = `QEMU exited (${vm.exitCode ?? vm.signal ?? '?'}${complaint ? `: ${complaint}` : ''}) after ${Math.round(vm.durationMs / 1000)} s`;
  const ended = vm.timedOut ? `timed out after ${Math.round(vm.durationMs / 1000)} s` : exited;
  if (outcome.stop) return `STOP ${outcome.stop}, ${ended}`;
  if (!outcome.report) return `no probe line, ${ended}`;
  return `setup ${outcome.report.setup ?? '-'}, report ${outcome.report.complete ? 'complete' : 'incomplete'}, ${ended}`;
}

/**
 * The last lines of a console log, joined on one line (for an error message), led by the
 * kernel's panic line when there is one (the tail is then only the end of a stack trace).
 * Guest output is untrusted: control characters and terminal escapes are removed.
 */
export async function readConsoleTail(file: string, lines = 4): Promise<string> {
  const text = stripControls(await readLastBytes(file, TAIL_BYTES).catch(() => ''));
  const tail = text.trim().split('\n').slice(-lines).join(' | ').slice(-600) || '(empty console log)';
  const panic = /Kernel panic - not syncing: [^\n]{0,200}/.exec(text)?.[0].trim();
  return panic && !tail.includes(panic) ? `${panic} … ${tail}` : tail;
}

// Only the end of a console is read: a hostile guest can write gigabytes to it.
const TAIL_BYTES = 64 * 1024;

async function readLastBytes(file: string, bytes: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, bytes));
    await handle.read(buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

function lastLine(text: string): string {
  return stripControls(text).trim().split('\n').at(-1)?.trim().slice(0, 300) ?? '';
}

// CSI/OSC escape sequences first (so their parameters go too), then any other control character.
function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/\u001b(\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(\u0007|\u001b\\)?)?/g, '').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '');
}
