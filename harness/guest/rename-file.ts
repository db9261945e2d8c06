import { rename, rm } from 'node:fs/promises';

/** Renames a finished file into place; removes it when the rename fails, then rethrows. */
export async function renameOrRemoveFile(temporary: string, target: string): Promise<void> {
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
