import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InfrastructureError, UsageError } from '../errors/errors.js';
import { DEBUGFS_MAX_BYTES, quoteExt4Path, quoteHostPath, runDebugfs } from './ext4-debugfs.js';
import { withTempDir } from './temp-path.js';

// Single files in and out of an ext4 filesystem at a byte offset, through debugfs (no mount).
// A path is the path inside the filesystem; its last component is not followed when it is a
// symlink (debugfs resolves names with ext2fs_namei), so nothing leaves the image.

/** One entry of an ext4 folder. */
export interface Ext4Entry {
  name: string;
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'other';
  /** Permission bits (e.g. 0o644), with setuid/setgid/sticky. */
  mode: number;
  uid: number;
  gid: number;
  size: number;
}

/** A file to write: its bytes, or a host file to copy. */
export type Ext4Content = Buffer | { hostFile: string };

/** One file of a batch write. */
export interface Ext4FileWrite {
  path: string;
  content: Ext4Content;
  /** Permission bits, default 0o644. */
  mode?: number;
}

// `rm` of a file that is not there yet: expected before every `write` (debugfs refuses to overwrite).
const RM_NOT_FOUND = /^rm: File not found by ext2_lookup/;
const MKDIR_EXISTS = /^(ext2fs_)?mkdir: Ext2 directory already exists/;

/** Reads one file; throws when it is larger than `maxBytes` (default 16 MiB) or missing. */
export async function readExt4File(disk: string, offsetBytes: number, file: string, options: { maxBytes?: number; signal?: AbortSignal } = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEBUGFS_MAX_BYTES;
  const result = await runDebugfs(disk, offsetBytes, [`cat ${quoteExt4Path(file)}`], { maxBytes, signal: options.signal });
  if (result.truncated) throw new InfrastructureError(`${file} on ${disk} (ext4 at byte ${offsetBytes}) is larger than ${maxBytes} bytes: stopped reading there`, { step: 'ext4' });
  return result.stdout;
}

/** Writes (or replaces) one file with the given mode, owned by root. */
export async function writeExt4File(disk: string, offsetBytes: number, file: string, content: Ext4Content, options: { mode?: number; signal?: AbortSignal } = {}): Promise<void> {
  await writeExt4Files(disk, offsetBytes, [{ path: file, content, mode: options.mode }], options.signal);
}

/** Writes (or replaces) several files in one debugfs run; the folders must exist. */
export async function writeExt4Files(disk: string, offsetBytes: number, files: readonly Ext4FileWrite[], signal?: AbortSignal): Promise<void> {
  if (files.length === 0) return;
  await withTempDir(async (dir) => {
    const commands: string[] = [];
    for (const [index, file] of files.entries()) {
      const dest = quoteExt4Path(file.path);
      const mode = file.mode ?? 0o644;
      if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new UsageError(`Invalid mode for ${file.path}: expected permission bits 0..0o7777, got ${mode}.`);
      let source: string;
      if (Buffer.isBuffer(file.content)) {
        source = path.join(dir, String(index));
        await writeFile(source, file.content);
      } else {
        source = file.content.hostFile;
      }
      commands.push(`rm ${dest}`, `write ${quoteHostPath(source)} ${dest}`, `set_inode_field ${dest} mode 0${(0o100000 | mode).toString(8)}`,
        `set_inode_field ${dest} uid 0`, `set_inode_field ${dest} gid 0`);
    }
    await runDebugfs(disk, offsetBytes, commands, { write: true, tolerate: RM_NOT_FOUND, signal });
  });
}

/** Removes a file, symlink or empty folder; throws when it is missing. */
export async function removeExt4Path(disk: string, offsetBytes: number, file: string, signal?: AbortSignal): Promise<void> {
  const entry = await findExt4Entry(disk, offsetBytes, file, signal);
  if (!entry) throw new UsageError(`Cannot remove ${file} on ${disk} (ext4 at byte ${offsetBytes}): no such file`);
  await runDebugfs(disk, offsetBytes, [`${entry.type === 'dir' ? 'rmdir' : 'rm'} ${quoteExt4Path(file)}`], { write: true, signal });
}

/** Makes a symlink `link` pointing at `target` (absolute or relative); replaces an existing file or link of that name. */
export async function makeExt4Symlink(disk: string, offsetBytes: number, link: string, target: string, signal?: AbortSignal): Promise<void> {
  if (target === '' || /[\n\r\0"]/.test(target)) throw new UsageError(`Invalid symlink target: expected a non-empty path without newline, NUL or double quote, got ${JSON.stringify(target)}.`);
  const quoted = quoteExt4Path(link);
  await runDebugfs(disk, offsetBytes, [`rm ${quoted}`, `symlink ${quoted} "${target}"`], { write: true, tolerate: RM_NOT_FOUND, signal });
}

/**
 * Makes a folder and every missing parent (mode 0755 for new levels, root-owned); existing folders,
 * and symlinks to folders (merged /usr: /lib → usr/lib), are kept.
 */
export async function makeExt4Dir(disk: string, offsetBytes: number, dir: string, signal?: AbortSignal): Promise<void> {
  quoteExt4Path(dir);
  const parts = dir.split('/').filter(Boolean);
  if (parts.length === 0) return;
  // `PARENT/./NAME`: debugfs does not follow a symlink that ends the parent path, but follows one
  // in the middle, so `/lib/./systemd` makes the folder in usr/lib where `/lib/systemd` fails.
  const levels = parts.map((name, index) => `/${[...parts.slice(0, index), '.', name].join('/')}`);
  // Only the missing levels: debugfs 1.47's mkdir of a folder that exists fails half way and
  // leaves an unconnected directory inode behind (e2fsck -fn then refuses the filesystem).
  let first = 0;
  while (first < levels.length && await isExt4Dir(disk, offsetBytes, `/${parts.slice(0, first + 1).join('/')}`, signal)) first += 1;
  const missing = levels.slice(first);
  if (missing.length > 0) await runDebugfs(disk, offsetBytes, missing.map((level) => `mkdir ${quoteExt4Path(level)}`), { write: true, tolerate: MKDIR_EXISTS, signal });
  await runDebugfs(disk, offsetBytes, [`ls -p ${quoteExt4Path(`${dir}/.`)}`], { signal }).catch((error: unknown) => {
    throw new InfrastructureError(`Cannot make the folder ${dir} on ${disk} (ext4 at byte ${offsetBytes}): something that is not a folder is in the way`, { step: 'ext4', cause: error });
  });
}

/** Whether a folder (or a symlink to one) is there: `ls` of `DIR/.` follows every symlink on the way. */
async function isExt4Dir(disk: string, offsetBytes: number, dir: string, signal?: AbortSignal): Promise<boolean> {
  return runDebugfs(disk, offsetBytes, [`ls -p ${quoteExt4Path(`${dir}/.`)}`], { signal }).then(() => true, () => false);
}

// `ls -p` prints `/inode/mode/uid/gid/name/size/` per entry (mode in octal).
const LS_LINE = /^\/(\d+)\/([0-7]+)\/(\d+)\/(\d+)\/(.*)\/(\d*)\/$/;

/** Lists one folder (without `.` and `..`); lines that do not parse (names with newlines) are skipped. */
export async function listExt4Dir(disk: string, offsetBytes: number, dir: string, signal?: AbortSignal): Promise<Ext4Entry[]> {
  const result = await runDebugfs(disk, offsetBytes, [`ls -p ${quoteExt4Path(dir)}`], { signal });
  if (result.truncated) throw new InfrastructureError(`The listing of ${dir} on ${disk} (ext4 at byte ${offsetBytes}) is larger than ${DEBUGFS_MAX_BYTES} bytes`, { step: 'ext4' });
  const entries: Ext4Entry[] = [];
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const match = LS_LINE.exec(line.trim());
    if (!match) continue;
    const name = match[5] ?? '';
    if (name === '.' || name === '..' || name === '') continue;
    const mode = Number.parseInt(match[2] ?? '0', 8);
    entries.push({ name, path: path.posix.join(dir, name), type: selectType(mode), mode: mode & 0o7777, uid: Number(match[3]), gid: Number(match[4]), size: Number(match[6] || 0) });
  }
  return entries;
}

/** Finds one entry by path through its parent's listing. */
export async function findExt4Entry(disk: string, offsetBytes: number, file: string, signal?: AbortSignal): Promise<Ext4Entry | undefined> {
  quoteExt4Path(file);
  const name = path.posix.basename(file);
  if (name === '') return undefined;
  const entries = await listExt4Dir(disk, offsetBytes, path.posix.dirname(file), signal);
  return entries.find((entry) => entry.name === name);
}

function selectType(mode: number): Ext4Entry['type'] {
  switch (mode & 0o170000) {
    case 0o100000: return 'file';
    case 0o040000: return 'dir';
    case 0o120000: return 'symlink';
    default: return 'other';
  }
}
