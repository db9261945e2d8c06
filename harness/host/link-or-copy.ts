import { chmod, link, stat } from 'node:fs/promises';
import { copySparse } from './sparse-copy.js';

/**
 * Hard-links `source` to `target`, or, where a link cannot be made (another filesystem, no hard
 * links), copies it keeping holes and its permission bits (a read-only master stays read-only).
 */
export async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch (error) {
    if (!['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await copySparse(source, target);
    await chmod(target, (await stat(source)).mode & 0o777);
  }
}
