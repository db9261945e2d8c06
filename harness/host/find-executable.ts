import { accessSync, constants } from 'node:fs';
import path from 'node:path';

// Debian puts mkntfs, mkfs.fat and sfdisk in sbin, which a non-root PATH often lacks.
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** Finds an executable on PATH (plus the sbin folders); returns its path or undefined. */
export function findExecutable(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const folders = [...(env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SBIN];
  for (const folder of folders) {
    const candidate = path.join(folder, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
