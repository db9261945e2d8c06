import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Runs `work` with a fresh folder beside `file` (same host filesystem as the image, which may be
 * far larger than /tmp), removed afterwards on success, failure and cancel alike.
 */
export async function withSiblingTempDir<T>(file: string, work: (dir: string) => Promise<T>): Promise<T> {
  const resolved = path.resolve(file);
  const dir = await mkdtemp(path.join(path.dirname(resolved), `.${path.basename(resolved)}.work-`));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
