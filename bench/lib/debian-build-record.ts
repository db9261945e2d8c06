import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** What the bench reads from a Debian cache entry's entry.json: the cold build as it was recorded. */
export interface DebianBuildRecord {
  buildSeconds: number;
  /** ISO date of that build. */
  builtAt: string;
}

/** Parses entry.json's text; undefined when it lacks a finite buildSeconds or a builtAt date (the figure is then unavailable, not guessed). */
export function parseBuildRecord(text: string): DebianBuildRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { buildSeconds, builtAt } = value as Record<string, unknown>;
  if (typeof buildSeconds !== 'number' || !Number.isFinite(buildSeconds) || buildSeconds < 0) return undefined;
  if (typeof builtAt !== 'string' || Number.isNaN(Date.parse(builtAt))) return undefined;
  return { buildSeconds, builtAt };
}

/** Reads the record of the cache entry folder `dir` (entry.json is a few hundred bytes; a bigger one is not ours). */
export async function readBuildRecord(dir: string): Promise<DebianBuildRecord | undefined> {
  const text = await readFile(path.join(dir, 'entry.json'), 'utf8').catch(() => '');
  return text.length > 64 * 1024 ? undefined : parseBuildRecord(text);
}
