import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';
import { runTool } from './run-tool.js';
import type { VolumeEntry } from './types.js';

// FAT access through mtools at the partition's byte offset (`IMG@@OFFSET`): no mount, no loop.

/** The mtools drive spec of a partition. */
export function drive(disk: string, offset: number): string {
  return `${disk}@@${offset}`;
}

/** Normalizes a volume path to `/a/b` form. */
export function normalizeVolumePath(file = '/'): string {
  const parts = file.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  return `/${parts.join('/')}`;
}

// mdir lines: 8-char name, ext, size or <DIR>, date, time, optional long name.
const MDIR_LINE = /^(.{8}) (.{3}) +(<DIR>|\d+) +\d{4}-\d\d-\d\d +\d{1,2}:\d\d(?: +(.*?))? *$/;

/** Lists one directory of a FAT volume. */
export async function listFat(disk: string, offset: number, dir = '/', signal?: AbortSignal): Promise<VolumeEntry[]> {
  const where = normalizeVolumePath(dir);
  const { stdout } = await runTool('mdir', ['-a', '-i', drive(disk, offset), `::${where}`], { file: `${disk}:${where}`, step: 'volume-list', signal }).catch((error: unknown) => {
    if (signal?.aborted) throw error;
    throw new UsageError(`Cannot list ${where} on ${disk}: ${(error as Error).message}`, { cause: error });
  });
  const entries: VolumeEntry[] = [];
  for (const line of stdout.split('\n')) {
    const match = MDIR_LINE.exec(line);
    if (!match) continue;
    const base = (match[1] ?? '').trimEnd();
    const ext = (match[2] ?? '').trimEnd();
    const shortName = ext ? `${base}.${ext}` : base;
    if (shortName === '.' || shortName === '..') continue;
    const name = match[4]?.trimEnd() || shortName;
    const isDir = match[3] === '<DIR>';
    entries.push({ name, path: path.posix.join(where, name), type: isDir ? 'dir' : 'file', size: isDir ? 0 : Number(match[3]), shortName: shortName.toUpperCase() });
  }
  return entries;
}

/** Reads one file of a FAT volume. */
export async function readFatFile(disk: string, offset: number, file: string, signal?: AbortSignal): Promise<Buffer> {
  const where = normalizeVolumePath(file);
  const result = await runTool('mcopy', ['-n', '-i', drive(disk, offset), `::${where}`, '-'], { file: `${disk}:${where}`, step: 'volume-read', binary: true, signal }).catch((error: unknown) => {
    if (signal?.aborted) throw error;
    throw new UsageError(`Cannot read ${where} from ${disk}: ${(error as Error).message}`, { cause: error });
  });
  return result.stdoutBytes;
}

/** Copies the whole FAT volume tree into a host folder (mtimes kept). */
export async function extractFat(disk: string, offset: number, outDir: string, signal?: AbortSignal): Promise<void> {
  await mkdir(outDir, { recursive: true });
  if ((await listFat(disk, offset, '/', signal)).length === 0) return;
  await runTool('mcopy', ['-s', '-n', '-m', '-i', drive(disk, offset), '::/*', outDir], { file: disk, step: 'volume-extract', signal });
}

/** Copies a host folder tree into a FAT volume folder, overwriting files of the same name. */
export async function copyIntoFat(disk: string, offset: number, srcDir: string, destDir = '/', signal?: AbortSignal): Promise<void> {
  const where = normalizeVolumePath(destDir);
  await makeFatDirs(disk, offset, where, signal);
  const names = await readdir(srcDir);
  if (names.length === 0) return;
  // -D o: overwrite clashing names; -s: recurse; -m: keep mtimes; -Q: stop on the first error.
  await runTool('mcopy', ['-s', '-m', '-Q', '-D', 'o', '-i', drive(disk, offset), ...names.map((name) => path.join(srcDir, name)), `::${where}`], { file: disk, step: 'volume-copy-in', signal });
}

/** Makes every level of a FAT folder path, keeping levels that exist (`mmd` exits 1 on those, whatever `-D` says). */
async function makeFatDirs(disk: string, offset: number, where: string, signal?: AbortSignal): Promise<void> {
  const parts = where.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const parent = `/${parts.slice(0, i - 1).join('/')}`;
    const name = parts[i - 1]!;
    const existing = (await listFat(disk, offset, parent, signal)).find((entry) => entry.name.toUpperCase() === name.toUpperCase() || entry.shortName === name.toUpperCase());
    if (existing?.type === 'dir') continue;
    if (existing) throw new UsageError(`Cannot make the folder ${path.posix.join(parent, name)} on ${disk}: a file of that name exists`);
    await runTool('mmd', ['-i', drive(disk, offset), `::${path.posix.join(parent, name)}`], { file: disk, step: 'volume-copy-in', signal });
  }
}
