import { execa } from 'execa';
import { InfrastructureError } from '../errors/errors.js';

/** Options of one host-tool run. */
export interface RunToolOptions {
  /** The file the tool works on, named in the error. */
  file: string;
  /** The step, named in the error: e.g. `mkfs`, `wim-apply`. */
  step: string;
  input?: string | Uint8Array;
  /** Return stdout as bytes (e.g. `ntfscat`). */
  binary?: boolean;
  cwd?: string;
  /** Cancels the run: the tool gets SIGTERM, then SIGKILL after `TOOL_GRACE_MS`, so an interrupted step leaves no tool behind. */
  signal?: AbortSignal;
}

/** Grace between SIGTERM and SIGKILL for a canceled host tool (QEMU's default grace too). */
export const TOOL_GRACE_MS = 3000;

/** Runs a host tool with an argv array; a failure (or a cancel) becomes an InfrastructureError naming the tool, file and cause. */
export async function runTool(command: string, args: readonly string[], options: RunToolOptions): Promise<{ stdout: string; stdoutBytes: Buffer; exitCode: number }> {
  const result = await execa(command, args, {
    input: options.input, reject: false, encoding: 'buffer', cwd: options.cwd,
    env: { MTOOLS_SKIP_CHECK: '1', LC_ALL: 'C' }, stripFinalNewline: false,
    ...(options.signal ? { cancelSignal: options.signal, killSignal: 'SIGTERM', forceKillAfterDelay: TOOL_GRACE_MS } : {}),
  });
  const stdoutBytes = Buffer.from(result.stdout as Uint8Array);
  if (result.isCanceled) {
    throw new InfrastructureError(`${command} on ${options.file} was canceled (${result.signal ?? 'stopped'})`, { step: options.step, cause: result, isCanceled: true });
  }
  if (result.exitCode !== 0 || result.failed) {
    const stderr = Buffer.from((result.stderr as Uint8Array | undefined) ?? new Uint8Array()).toString('utf8').trim();
    const cause = stderr.split('\n').filter((line) => line.trim() !== '').slice(-3).join(' / ') || result.shortMessage;
    throw new InfrastructureError(`${command} failed on ${options.file} (exit ${result.exitCode ?? 'none'}): ${cause}`, { step: options.step, cause: result });
  }
  return { stdout: options.binary ? '' : stdoutBytes.toString('utf8'), stdoutBytes, exitCode: result.exitCode ?? 0 };
}
