import { chmod } from 'node:fs/promises';
import { writeFileAtomic } from '../host/atomic.js';

/** Quotes one argv element for a POSIX shell: single quotes, with `'` written as `'\''`. */
export function quoteShellArg(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The text of a runnable repro script that execs exactly this argv. */
export function renderRunScript(binary: string, args: readonly string[]): string {
  const lines = [binary, ...args].map(quoteShellArg);
  return `#!/bin/sh\n# Repro: the exact QEMU command line clonelab ran.\nexec ${lines.join(' \\\n  ')}\n`;
}

/** Writes the repro script `file` (atomically) and makes it executable. */
export async function writeRunScript(file: string, binary: string, args: readonly string[]): Promise<string> {
  await writeFileAtomic(file, renderRunScript(binary, args));
  await chmod(file, 0o755);
  return file;
}
