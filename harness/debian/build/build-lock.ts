import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 2000;
// A lock folder without its owner file is being made right now, or its maker died in between.
const ORPHAN_MS = 60_000;

/**
 * Runs `work` while holding a lock folder shared by every clonelab process on this host, so that
 * two test workers or runs on a cold cache build the Debian system once, not twice at once on the
 * same cores. A lock whose owner process is gone is taken over.
 */
export async function withBuildLock<T>(lockDir: string, work: () => Promise<T>, options: { signal?: AbortSignal; log?: (line: string) => void } = {}): Promise<T> {
  await mkdir(path.dirname(lockDir), { recursive: true });
  let told = false;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(lockDir);
    if (owner === undefined ? await isOrphan(lockDir) : !isAlive(owner)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!told) options.log?.(`Waiting for another process${owner ? ` (pid ${owner})` : ''} that builds the same Debian system`);
    told = true;
    await sleep(POLL_MS, undefined, { signal: options.signal });
  }
  try {
    await writeFile(path.join(lockDir, 'owner'), String(process.pid));
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function readOwner(lockDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(lockDir, 'owner'), 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isOrphan(lockDir: string): Promise<boolean> {
  const info = await stat(lockDir).catch(() => undefined);
  return info === undefined || Date.now() - info.mtimeMs > ORPHAN_MS;
}
