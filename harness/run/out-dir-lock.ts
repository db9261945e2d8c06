import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';

/** Takes the output folder for this run: a second run on the same folder is refused, not interleaved. */
export async function lockOutDir(outDir: string): Promise<() => Promise<void>> {
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw new UsageError(`Cannot create the output folder ${outDir}: ${(error as NodeJS.ErrnoException).code}`, { step: 'setup', cause: error });
  }
  const lock = path.join(outDir, '.clonelab.lock');
  try {
    const handle = await open(lock, 'wx');
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') throw new UsageError(`The output folder ${outDir} cannot be written (${code})`, { step: 'setup', cause: error });
    const owner = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
    if (owner && isAlive(owner)) {
      throw new UsageError(`Another clonelab run (pid ${owner}) is writing to ${outDir}`, { step: 'setup', hint: 'Give this run its own --out folder.' });
    }
    // A stale lock from a run that died: take it over.
    await rm(lock, { force: true });
    return lockOutDir(outDir);
  }
  return () => rm(lock, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
