import { open } from 'node:fs/promises';
import { decodeLossy, sanitizeGuestText, type SanitizeLimits } from './sanitize.js';

/**
 * Reads the end of a guest log (at most `maxBytes`, so a runaway log costs nothing) and
 * sanitizes it for a report; undefined when the file is missing.
 */
export async function readExcerpt(file: string | undefined, maxBytes = 16_384, limits: Partial<SanitizeLimits> = {}): Promise<string | undefined> {
  if (!file) return undefined;
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    let text = decodeLossy(buffer);
    // Started mid-file: the first line is partial (maybe mid-character), drop it.
    if (start > 0) text = `… (${start} earlier bytes)\n${text.slice(text.indexOf('\n') + 1)}`;
    return sanitizeGuestText(text, limits);
  } finally {
    await handle.close();
  }
}

/** Reads a small binary artifact (a screenshot), or undefined when missing or larger than `maxBytes`. */
export async function readSmallFile(file: string | undefined, maxBytes: number): Promise<Buffer | undefined> {
  if (!file) return undefined;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return undefined;
      const buffer = Buffer.alloc(size);
      await handle.read(buffer, 0, size, 0);
      return buffer;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
