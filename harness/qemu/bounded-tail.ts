/** Keeps only the last `limit` bytes written to it: a bounded capture of a chatty stream. */
export class BoundedTail {
  #chunks: Buffer[] = [];
  #size = 0;
  #dropped = 0;

  constructor(readonly limit: number) {}

  /** Appends a chunk, dropping the oldest bytes beyond the limit. */
  push(chunk: Buffer | string): void {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.#chunks.push(buffer);
    this.#size += buffer.length;
    while (this.#size > this.limit && this.#chunks.length > 0) {
      const first = this.#chunks[0] as Buffer;
      const excess = this.#size - this.limit;
      if (first.length <= excess) {
        this.#chunks.shift();
        this.#size -= first.length;
        this.#dropped += first.length;
      } else {
        this.#chunks[0] = first.subarray(excess);
        this.#size -= excess;
        this.#dropped += excess;
      }
    }
  }

  /** The kept bytes as text (invalid UTF-8 becomes U+FFFD), marked when the start was cut. */
  text(): string {
    const body = Buffer.concat(this.#chunks).toString('utf8');
    return this.#dropped > 0 ? `[…${this.#dropped} earlier bytes dropped]\n${body}` : body;
  }
}
