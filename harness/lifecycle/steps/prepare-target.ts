import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import tmp from 'tmp';
import { createDisk, type Geometry } from '../../disks/index.js';

/** Makes the target volume with the user's files already on it (for non-destructive apply tests). */
export async function prepareTargetWithFiles(target: string, geometry: Geometry, files: Record<string, string>, formatClock?: number): Promise<void> {
  const folder = tmp.dirSync({ prefix: 'clonelab-userfiles-', unsafeCleanup: true });
  try {
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(folder.name, path.normalize(`/${file}`));
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
    }
    await createDisk(target, geometry, { fromDir: folder.name, formatClock });
  } finally {
    folder.removeCallback();
  }
}
