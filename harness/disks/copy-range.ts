import { open } from 'node:fs/promises';

const CHUNK = 1024 * 1024;

/** Options of a byte-range copy between two files. */
export interface CopyRangeOptions {
  from: string;
  fromOffset: number;
  to: string;
  toOffset: number;
  length: number;
  /**
   * Skip writing all-zero chunks. Only correct when the target range is already zero (a fresh or
   * truncated file); keeps the target sparse, like `cp --sparse=always`.
   */
  skipZeros?: boolean;
}

/** Copies `length` bytes from one file offset to another (the dd of the lab); returns the bytes actually written. */
export async function copyRange(options: CopyRangeOptions): Promise<number> {
  const source = await open(options.from, 'r');
  const target = await open(options.to, 'r+');
  let written = 0;
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (let done = 0; done < options.length;) {
      const want = Math.min(CHUNK, options.length - done);
      const { bytesRead } = await source.read(buffer, 0, want, options.fromOffset + done);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      if (!(options.skipZeros && isZero(chunk))) {
        await target.write(chunk, 0, bytesRead, options.toOffset + done);
        written += bytesRead;
      }
      done += bytesRead;
    }
  } finally {
    await source.close();
    await target.close();
  }
  return written;
}

/** True when every byte is zero (compared 8 bytes at a time). */
export function isZero(chunk: Buffer): boolean {
  const words = Math.floor(chunk.length / 8);
  for (let i = 0; i < words; i++) if (chunk.readBigUInt64LE(i * 8) !== 0n) return false;
  for (let i = words * 8; i < chunk.length; i++) if (chunk[i] !== 0) return false;
  return true;
}
