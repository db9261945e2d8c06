import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { InfrastructureError, UsageError } from '../errors/errors.js';
import { TOOL_GRACE_MS } from './run-tool.js';
import { withTempDir } from './temp-path.js';

// debugfs reads and writes one ext4 filesystem at a byte offset of a disk image (`disk?offset=N`)
// with no mount. It exits 0 even when a command fails (measured, e2fsprogs 1.47.0): every
// failure shows only as a line on stderr, so each run reads stderr and throws on anything but
// the version banner and the lines the caller said to expect.

/** Options of one debugfs run. */
export interface DebugfsOptions {
  /** Open the filesystem read-write (`-w`). */
  write?: boolean;
  /** Most bytes of stdout kept; past that debugfs is stopped and the result says `truncated`. */
  maxBytes?: number;
  /** stderr lines that are expected (e.g. `rm` of a file that may not exist), not failures. */
  tolerate?: RegExp;
  signal?: AbortSignal;
}

/** What one debugfs run printed. */
export interface DebugfsResult {
  stdout: Buffer;
  /** stdout went past `maxBytes` and was cut there. */
  truncated: boolean;
}

/** Default bound of debugfs stdout: 16 MiB. */
export const DEBUGFS_MAX_BYTES = 16 * 1024 * 1024;
const STDERR_MAX_BYTES = 256 * 1024;
const BANNER = /^debugfs \d+\.\d+(\.\d+)? \(.*\)$/;

/** The debugfs device spec of a filesystem at a byte offset of a disk image. */
export function describeExt4Device(disk: string, offsetBytes: number): string {
  if (!Number.isSafeInteger(offsetBytes) || offsetBytes < 0) throw new UsageError(`Invalid ext4 offset: expected a byte offset >= 0, got ${offsetBytes}.`);
  return `${disk}?offset=${offsetBytes}`;
}

/**
 * Quotes a path inside the filesystem for a debugfs command line. Paths may come from a guest
 * image (untrusted): a path must be absolute and hold no newline, NUL or double quote (debugfs'
 * command parser has no escape for them).
 */
export function quoteExt4Path(file: string): string {
  if (!file.startsWith('/')) throw new UsageError(`Invalid ext4 path: expected an absolute path (starting with /), got ${JSON.stringify(file)}.`);
  if (/[\n\r\0"]/.test(file)) throw new UsageError(`Invalid ext4 path: expected no newline, NUL or double quote, got ${JSON.stringify(file)}.`);
  return `"${file}"`;
}

/** Quotes a host path for a debugfs command line (same rules; relative host paths are resolved). */
export function quoteHostPath(file: string): string {
  return quoteExt4Path(path.resolve(file));
}

/** Runs debugfs commands (one process; `-f cmdfile` for several) on the filesystem at `offsetBytes`; throws InfrastructureError naming the commands when any fails. */
export async function runDebugfs(disk: string, offsetBytes: number, commands: readonly string[], options: DebugfsOptions = {}): Promise<DebugfsResult> {
  const device = describeExt4Device(disk, offsetBytes);
  const maxBytes = options.maxBytes ?? DEBUGFS_MAX_BYTES;
  return withTempDir(async (dir) => {
    // One command goes on the command line (`-R`): with `-f`, debugfs echoes each command on stdout.
    let request = ['-R', commands[0] ?? ''];
    if (commands.length !== 1) {
      request = ['-f', path.join(dir, 'commands')];
      await writeFile(path.join(dir, 'commands'), `${commands.join('\n')}\n`);
    }
    const result = await execa('debugfs', [...(options.write ? ['-w'] : []), ...request, device], {
      reject: false, encoding: 'buffer', stripFinalNewline: false, env: { LC_ALL: 'C' },
      maxBuffer: { stdout: maxBytes + 1, stderr: STDERR_MAX_BYTES },
      ...(options.signal ? { cancelSignal: options.signal, killSignal: 'SIGTERM', forceKillAfterDelay: TOOL_GRACE_MS } : {}),
    });
    const what = `debugfs ${summarize(commands)} on ${device}`;
    if (result.isCanceled) throw new InfrastructureError(`${what} was canceled`, { step: 'ext4', cause: result, isCanceled: true });
    const stdout = Buffer.from(result.stdout as Uint8Array);
    const truncated = stdout.length > maxBytes;
    // Past the bound execa stops debugfs, which then complains about the closed pipe: not a failure.
    if (truncated) return { stdout: stdout.subarray(0, maxBytes), truncated };
    if (result.exitCode !== 0 || result.failed) {
      throw new InfrastructureError(`${what} failed (exit ${result.exitCode ?? 'none'}): ${lastLines(result.stderr as Uint8Array)}`, { step: 'ext4', cause: result });
    }
    const errors = Buffer.from(result.stderr as Uint8Array).toString('utf8').split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !BANNER.test(line) && !(options.tolerate?.test(line) ?? false));
    if (errors.length > 0) {
      throw new InfrastructureError(`${what} failed: ${errors.slice(0, 4).join(' / ').slice(0, 800)}`, { step: 'ext4' });
    }
    return { stdout, truncated };
  });
}

/** Names the commands of a run in an error (the first few, bounded). */
function summarize(commands: readonly string[]): string {
  const shown = commands.slice(0, 3).map((command) => `'${command.slice(0, 200)}'`).join(', ');
  return commands.length > 3 ? `${shown} (+${commands.length - 3} more)` : shown;
}

function lastLines(stderr: Uint8Array | undefined): string {
  const text = Buffer.from(stderr ?? new Uint8Array()).toString('utf8').trim();
  return text.split('\n').filter((line) => line.trim() !== '' && !BANNER.test(line.trim())).slice(-3).join(' / ') || 'no message';
}
