import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { invalidInput } from '../harness/errors/errors.js';

/**
 * Resolves `--master-cache` and makes the folder, before any VM starts. Refused inside the output
 * folder (a run replaces its `masters/` and `scenarios/`) and when the path is not a folder.
 */
export async function checkMasterCache(given: string, outDir: string): Promise<string> {
  const folder = path.resolve(given);
  const relative = path.relative(outDir, folder);
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw invalidInput('--master-cache', `a folder outside the output folder ${outDir}`, given);
  }
  const found = await stat(folder).catch(() => undefined);
  if (found && !found.isDirectory()) throw invalidInput('--master-cache', 'a folder (or a path where one can be made)', `${given} (not a folder)`);
  await mkdir(folder, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw invalidInput('--master-cache', 'a folder that can be made', `${given} (${error.code ?? error.message})`);
  });
  return folder;
}
