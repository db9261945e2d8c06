import { chmod, lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { quoteExt4Path, runDebugfs } from '../../disks/ext4-debugfs.js';
import { InfrastructureError } from '../../errors/errors.js';

// `ls -p` prints `/inode/mode/uid/gid/name/size/` per entry (mode in octal).
const LS_LINE = /^\/\d+\/([0-7]+)\/\d+\/\d+\/(.*)\/\d*\/$/;
const SPECIAL_BITS = 0o7000;
const ECHO = 'debugfs: ';

/**
 * Puts back the setuid, setgid and sticky bits that `debugfs rdump` loses (it chowns after
 * chmod, measured): every folder of the dumped tree is listed in one debugfs run, and each
 * file or folder whose inode has such bits gets its image mode. Without this a file clone's
 * `su`, `passwd` and `mount` would not be setuid. Returns how many entries were changed.
 */
export async function restoreSpecialModes(disk: string, offsetBytes: number, tree: string, signal?: AbortSignal): Promise<number> {
  const dirs = await listHostDirs(tree);
  // debugfs cannot quote a name holding a newline or a double quote: such folders are left as dumped.
  const listed = dirs.filter((dir) => !/[\n\r\0"]/.test(dir));
  const result = await runDebugfs(disk, offsetBytes, listed.map((dir) => `ls -p ${quoteExt4Path(dir)}`), { signal });
  if (result.truncated) throw new InfrastructureError(`The folder listings of the ext4 root of ${disk} are too large to read back its special mode bits`, { step: 'ext4' });
  let changed = 0;
  // One command runs with `-R`, which echoes nothing.
  let current = listed.length === 1 ? listed[0] : undefined;
  for (const line of result.stdout.toString('utf8').split('\n')) {
    // With several commands debugfs echoes each one (`debugfs: ls -p "/etc"`) before its output.
    if (line.startsWith(ECHO)) {
      current = /^debugfs: ls -p "(.*)"$/.exec(line)?.[1];
      continue;
    }
    const match = LS_LINE.exec(line.trim());
    if (!match || current === undefined) continue;
    const mode = Number.parseInt(match[1] ?? '0', 8);
    const name = match[2] ?? '';
    if ((mode & SPECIAL_BITS) === 0 || name === '..' || name === '') continue;
    const type = mode & 0o170000;
    if (type !== 0o100000 && type !== 0o040000) continue;
    const where = path.join(tree, ...current.split('/').filter(Boolean), ...(name === '.' ? [] : [name]));
    const host = await lstat(where).catch(() => undefined);
    if (!host || (host.mode & 0o170000) !== type || (host.mode & 0o7777) === (mode & 0o7777)) continue;
    await chmod(where, mode & 0o7777);
    changed++;
  }
  return changed;
}

/** Every folder below `tree` (itself included) as an absolute path inside the filesystem; symlinks are not followed. */
async function listHostDirs(tree: string): Promise<string[]> {
  const entries = await readdir(tree, { recursive: true, withFileTypes: true });
  const dirs = entries.filter((entry) => entry.isDirectory())
    .map((entry) => `/${path.relative(tree, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`);
  return ['/', ...dirs];
}
