import { invalidInput } from '../errors/errors.js';

const units: Record<string, number> = { '': 1, B: 1, K: 1024, KB: 1024, KIB: 1024, M: 1024 ** 2, MB: 1024 ** 2, MIB: 1024 ** 2, G: 1024 ** 3, GB: 1024 ** 3, GIB: 1024 ** 3, T: 1024 ** 4, TB: 1024 ** 4, TIB: 1024 ** 4 };

/** Parses a byte count such as `256M`, `4K`, `1.5G` or `4096` (binary units: M = MiB). */
export function parseSize(value: string | number, what = 'size'): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value > 0) return value;
    throw invalidInput(what, 'a positive whole number of bytes or a size such as 256M', value);
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  const factor = match ? units[(match[2] ?? '').toUpperCase()] : undefined;
  if (!match || factor === undefined) throw invalidInput(what, 'a size such as 256M, 64MiB, 1G or 4096 (bytes)', value);
  const bytes = Math.round(Number(match[1]) * factor);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw invalidInput(what, 'a positive size', value);
  return bytes;
}
