import { open, stat } from 'node:fs/promises';
import { LineSplitter } from './line-splitter.js';

/** One line of a followed log. Guest output is untrusted: over-long lines are cut and flagged. */
export interface LogLine {
  /** Absolute line number (0-based), stable even after old lines were dropped. */
  index: number;
  text: string;
  /** True when the line was longer than the line cap and its tail was dropped. */
  truncated: boolean;
}

/** Bounds of a followed log. */
export interface LogLimits {
  /** Longest line kept, in bytes (default 64 KiB); the rest of a longer line is dropped. */
  maxLineBytes?: number;
  /** Most lines kept in memory (default 10 000); the oldest go first. */
  maxLines?: number;
}

const READ_CHUNK = 64 * 1024;

/**
 * Follows a log file that another process (QEMU) appends to, splitting it into lines with
 * bounded memory: a 10 MB line or binary garbage costs at most `maxLineBytes` per line.
 * The file may not exist yet. Reads happen only when `poll()` is called; a poll that finds
 * nothing new costs one `stat` (waits poll every 50 ms per VM, so polls must be cheap).
 */
export class LogFollower {
  readonly maxLineBytes: number;
  readonly maxLines: number;
  #offset = 0;
  readonly #splitter: LineSplitter;
  #lines: LogLine[] = [];
  #nextIndex = 0;
  #dropped = 0;
  #polling: Promise<number> = Promise.resolve(0);
  /** Reused by every read (only the bytes read are used, so it need not be zeroed). */
  #buffer: Buffer | undefined;

  constructor(readonly file: string, limits: LogLimits = {}) {
    this.maxLineBytes = limits.maxLineBytes ?? 64 * 1024;
    this.maxLines = limits.maxLines ?? 10_000;
    this.#splitter = new LineSplitter(this.maxLineBytes, (text, truncated) => this.#addLine(text, truncated));
  }

  /** Reads whatever was appended since the last poll; returns how many complete lines it added. */
  poll(): Promise<number> {
    // Serialized: two reads from the same offset would add the same lines twice.
    const run = this.#polling.then(() => this.#pollOnce());
    this.#polling = run.catch(() => 0);
    return run;
  }

  async #pollOnce(): Promise<number> {
    const before = this.#nextIndex;
    let handle;
    try {
      if ((await stat(this.file)).size <= this.#offset) return 0;
      handle = await open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    try {
      const buffer = (this.#buffer ??= Buffer.allocUnsafe(READ_CHUNK));
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, this.#offset);
        if (bytesRead === 0) break;
        this.#offset += bytesRead;
        this.#splitter.push(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
    return this.#nextIndex - before;
  }

  /** Ends the pending partial line (the writer is gone), so a last line without `\n` counts. */
  flush(): void {
    this.#splitter.flush();
  }

  /** The kept lines from absolute index `from` on. */
  linesFrom(from: number): LogLine[] {
    const first = this.#lines[0]?.index ?? this.#nextIndex;
    return this.#lines.slice(Math.max(0, from - first));
  }

  /** The kept lines' text. */
  texts(): string[] {
    return this.#lines.map((line) => line.text);
  }

  /** The last `count` kept lines' text. */
  tail(count: number): string[] {
    return this.#lines.slice(-count).map((line) => line.text);
  }

  /** The index the next complete line will get. */
  get nextIndex(): number {
    return this.#nextIndex;
  }

  /** How many old lines were dropped to respect `maxLines`. */
  get droppedLines(): number {
    return this.#dropped;
  }

  #addLine(text: string, truncated: boolean): void {
    this.#lines.push({ index: this.#nextIndex++, text, truncated });
    if (this.#lines.length > this.maxLines) {
      this.#lines.shift();
      this.#dropped += 1;
    }
  }
}
