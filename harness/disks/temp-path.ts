import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A temporary sibling name for `file`, renamed into place when the work is done. */
export function makeTempSibling(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
}

/** Runs `work` with a fresh temporary folder, removed afterwards even on failure. */
export async function withTempDir<T>(work: (dir: string) => Promise<T>, prefix = 'clonelab-disk-'): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
