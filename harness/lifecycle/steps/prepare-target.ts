import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import tmp from 'tmp';
import { createDisk, type Geometry } from '../../disks/index.js';
import { DESCRIPTORS_PATH } from '../../imaging/merge-descriptors.js';

/** What a prepared target volume holds besides the user's files. */
export interface PreparedTarget {
  /** The account SID owning the user's files: the User (RID 1000) of the installation that made them. */
  previousOwner: string;
}

/**
 * Makes the target volume with the user's files already on it (for non-destructive apply tests).
 * The files come from a previous installation on that disk, so their security descriptors (the
 * guest's stand-in file) name that installation's User account: a machine SID of its own, never
 * the master's, which no SID changer of the new image knows to rewrite.
 */
export async function prepareTargetWithFiles(target: string, geometry: Geometry, files: Record<string, string>, formatClock?: number, signal?: AbortSignal): Promise<PreparedTarget> {
  const words = randomBytes(12);
  const previousOwner = `S-1-5-21-${words.readUInt32LE(0)}-${words.readUInt32LE(4)}-${words.readUInt32LE(8)}-1000`;
  const folder = tmp.dirSync({ prefix: 'clonelab-userfiles-', unsafeCleanup: true });
  try {
    const owned: string[] = [];
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(folder.name, path.normalize(`/${file}`));
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
      owned.push(path.relative(folder.name, full).split(path.sep).join('/'));
    }
    // A descriptor file the scenario wrote itself is the user's to keep as given.
    if (!owned.some((file) => file.toLowerCase() === DESCRIPTORS_PATH)) {
      const descriptors = path.join(folder.name, DESCRIPTORS_PATH);
      await mkdir(path.dirname(descriptors), { recursive: true });
      await writeFile(descriptors, [
        '# clonelab security descriptors: owner SID, then path (a previous installation on this disk)',
        ...owned.map((file) => `${previousOwner} ${file}`),
      ].join('\n').concat('\n'));
    }
    await createDisk(target, geometry, { fromDir: folder.name, formatClock, signal });
    return { previousOwner };
  } finally {
    folder.removeCallback();
  }
}
