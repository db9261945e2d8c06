import { closeSync, constants, createWriteStream, openSync, type ReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { execa } from 'execa';
import { InfrastructureError } from '../errors/errors.js';

/** Options of one streamed tool run. */
export interface StreamToolOptions {
  /** What the tool reads, named in errors (`install.wim:2 \Windows\System32\config\SYSTEM`). */
  file: string;
  step: string;
  /**
   * A path for a named pipe to take the tool's stdout through, for a tool that reopens
   * `/dev/stdout` (hivexml: libxml2 opens it by name, which fails on the socket Node gives a
   * child, ENXIO, measured). Made and removed here.
   */
  fifo?: string;
  /** Stop the tool when its output passes this many bytes (a TooLargeError then). */
  maxBytes: number;
  timeoutMs: number;
  env?: Record<string, string>;
  signal?: AbortSignal;
}

/** The tool's output passed its byte limit: it was stopped there. */
export class TooLargeError extends Error {
  constructor(readonly bytes: number, readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

/** How a streamed run ended when the tool itself failed (exit code, stderr's last lines). */
export interface ToolFailure {
  exitCode: number | undefined;
  stderr: string;
}

/**
 * Runs a host tool and hands its stdout to `sink` as it comes, never holding more than a chunk:
 * the tool is stopped when its output passes `maxBytes`, when it runs longer than
 * `timeoutMs`, or on `signal`. Returns the bytes read, or the tool's failure (exit code and
 * stderr) for the caller to explain; a timeout or a cancel is an InfrastructureError.
 */
export async function streamTool(command: string, args: readonly string[], sink: Writable, options: StreamToolOptions): Promise<{ bytes: number; failure?: ToolFailure }> {
  const fifo = options.fifo === undefined ? undefined : await openFifo(options.fifo);
  try {
    return await runStreamed(command, args, sink, options, fifo);
  } finally {
    if (fifo) {
      fifo.close();
      await rm(fifo.path, { force: true });
    }
  }
}

/** A named pipe: the write end for the child's stdout, and a stream of the read end. */
interface Fifo {
  path: string;
  writeFd: number;
  output: ReadStream;
  close(): void;
}

// Linux: opening a FIFO read-write never blocks; with that writer open, opening the read end
// does not block either. The parent's write end is closed once the child holds its own, so
// the read end sees end-of-file when the child exits.
async function openFifo(fifoPath: string): Promise<Fifo> {
  await execa('mkfifo', ['-m', '600', fifoPath]);
  const writeFd = openSync(fifoPath, constants.O_RDWR);
  const reader = await open(fifoPath, 'r');
  let writeOpen = true;
  const closeWrite = (): void => {
    if (writeOpen) closeSync(writeFd);
    writeOpen = false;
  };
  return { path: fifoPath, writeFd, output: reader.createReadStream(), close: closeWrite };
}

async function runStreamed(command: string, args: readonly string[], sink: Writable, options: StreamToolOptions, fifo: Fifo | undefined): Promise<{ bytes: number; failure?: ToolFailure }> {
  // execa's types name descriptors 3–9 only; any open descriptor is handed to spawn as it is.
  const subprocess = execa(command, args, {
    stdin: 'ignore', stdout: fifo ? (fifo.writeFd as 3) : 'pipe', stderr: 'pipe', buffer: { stdout: false, stderr: true }, encoding: 'buffer', reject: false,
    env: { LC_ALL: 'C', ...options.env }, timeout: options.timeoutMs, maxBuffer: { stderr: 64 * 1024 },
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  fifo?.close();
  const output: Readable = fifo ? fifo.output : subprocess.stdout!;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) return done(new TooLargeError(bytes, options.maxBytes));
      done(null, chunk);
    },
  });
  let pipeError: unknown;
  const piped = pipeline(output, counter, sink).catch((error: unknown) => {
    pipeError = error;
    subprocess.kill('SIGKILL');
  });
  const result = await subprocess;
  await piped;
  if (pipeError !== undefined) throw pipeError;
  if (result.timedOut) throw new InfrastructureError(`${command} on ${options.file} did not finish within ${options.timeoutMs / 1000} s`, { step: options.step, timedOut: true });
  if (result.isCanceled) throw new InfrastructureError(`${command} on ${options.file} was canceled`, { step: options.step, isCanceled: true });
  if (result.exitCode !== 0) {
    const stderr = Buffer.from((result.stderr as Uint8Array | undefined) ?? new Uint8Array()).toString('utf8').trim();
    return { bytes, failure: { exitCode: result.exitCode, stderr: stderr.split('\n').filter((line) => line.trim() !== '').slice(-3).join(' / ') || (result.shortMessage ?? `exit ${result.exitCode}`) } };
  }
  return { bytes };
}

/** Runs a tool that writes a file to stdout (`wimextract --to-stdout`, `ntfscat`) into `dest`, at most `maxBytes`. */
export async function streamToolToFile(command: string, args: readonly string[], dest: string, options: StreamToolOptions): Promise<{ bytes: number; failure?: ToolFailure }> {
  return streamTool(command, args, createWriteStream(dest), options);
}

/** A sink that hands each chunk to `onChunk` as text (UTF-8; a character split across chunks is kept whole). */
export function textSink(onChunk: (text: string) => void): Writable {
  const decoder = new TextDecoder('utf-8');
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        onChunk(decoder.decode(chunk, { stream: true }));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    final(done) {
      try {
        const rest = decoder.decode();
        if (rest) onChunk(rest);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
