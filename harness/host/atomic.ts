import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import writeAtomically from 'write-file-atomic';

/**
 * Writes a file atomically, making its folder first: write-file-atomic writes a temporary file in
 * the same folder, fsyncs it and renames it into place (reports/ write theirs the same way).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeAtomically(file, typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
}

/** Moves a finished temporary file into place; removes it when the rename fails, then rethrows. */
export async function renameOrRemove(temporary: string, target: string): Promise<void> {
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Fills a folder atomically: `fill` writes into a temporary sibling folder, which is renamed
 * into place when it succeeds and removed when it fails. Returns `target`.
 */
export async function makeDirAtomic(target: string, fill: (temporaryDir: string) => Promise<void>): Promise<string> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary);
  try {
    await fill(temporary);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  try {
    await rename(temporary, target);
  } catch (error) {
    // Another process made the same folder first: theirs is as good as ours.
    await rm(temporary, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return target;
}
