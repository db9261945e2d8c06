/**
 * Splits a byte stream into text lines with bounded memory: a line longer than `maxLineBytes` is
 * cut there (the rest is dropped, the line flagged `truncated`), so a 10 MB line or binary garbage
 * costs at most `maxLineBytes`. Lines are decoded whole, so a UTF-8 character split across chunks
 * stays whole; invalid UTF-8 becomes U+FFFD, a trailing CR is dropped. The one line reader of the
 * serial logs (LogFollower) and of QMP.
 */
export class LineSplitter {
  #partial: Buffer[] = [];
  #partialSize = 0;
  #partialTruncated = false;

  constructor(readonly maxLineBytes: number, private readonly onLine: (text: string, truncated: boolean) => void) {}

  /** Feeds bytes; every line they complete goes to `onLine` at once. The chunk may be reused afterwards. */
  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline === -1) {
        this.#append(chunk.subarray(start));
        return;
      }
      this.#append(chunk.subarray(start, newline));
      this.#endLine();
      start = newline + 1;
    }
  }

  /** Ends the pending partial line (the writer is gone), so a last line without `\n` counts. */
  flush(): void {
    if (this.#partialSize > 0 || this.#partialTruncated) this.#endLine();
  }

  /** True when the pending (not yet ended) line is already over the cap. */
  get overflowing(): boolean {
    return this.#partialTruncated;
  }

  #append(bytes: Buffer): void {
    const room = this.maxLineBytes - this.#partialSize;
    if (bytes.length > room) this.#partialTruncated = true;
    const kept = bytes.subarray(0, Math.max(0, room));
    if (kept.length === 0) return;
    // Copy: the caller may reuse its buffer for the next read.
    this.#partial.push(Buffer.from(kept));
    this.#partialSize += kept.length;
  }

  #endLine(): void {
    const text = Buffer.concat(this.#partial).toString('utf8').replace(/\r$/, '');
    const truncated = this.#partialTruncated;
    this.#partial = [];
    this.#partialSize = 0;
    this.#partialTruncated = false;
    this.onLine(text, truncated);
  }
}
