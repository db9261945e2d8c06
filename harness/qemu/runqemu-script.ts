import { chmod } from 'node:fs/promises';
import { writeFileAtomic } from '../host/atomic.js';

/** Quotes one argv element for a POSIX shell: single quotes, with `'` written as `'\''`. */
export function quoteShellArg(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The text of a runnable repro script that execs exactly this argv; `notes` (e.g. how QEMU is
 * confined and why) become comment lines above it.
 */
export function renderRunScript(binary: string, args: readonly string[], notes: readonly string[] = []): string {
  const lines = [binary, ...args].map(quoteShellArg);
  const comments = notes.map((note) => `# ${note.replaceAll('\n', ' ')}\n`).join('');
  return `#!/bin/sh\n# Repro: the exact QEMU command line clonelab ran.\n${comments}exec ${lines.join(' \\\n  ')}\n`;
}

/** Writes the repro script `file` (atomically) and makes it executable. */
export async function writeRunScript(file: string, binary: string, args: readonly string[], notes: readonly string[] = []): Promise<string> {
  await writeFileAtomic(file, renderRunScript(binary, args, notes));
  await chmod(file, 0o755);
  return file;
}
