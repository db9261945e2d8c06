import { mkdir, open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';
import { parseBootSector } from './boot-sector.js';
import { normalizeVolumePath } from './fat-volume.js';
import { makeNtfsPartitionFile } from './format-volume.js';
import type { PartitionLayout } from './partition-layout.js';
import { extractPartitionFile, splicePartitionFile } from './partition-file.js';
import { runTool } from './run-tool.js';
import { withTempDir } from './temp-path.js';
import type { Geometry, PartitionInfo, VolumeEntry } from './types.js';
import { applyWim, captureToWim } from './wim-tool.js';

// NTFS access: the partition is copied out into its own file, because ntfs-3g tools and wimlib
// cannot address a partition at an offset.

/** Runs `work` on a temporary copy of the partition. */
export async function withPartitionFile<T>(disk: string, partition: PartitionInfo, work: (file: string, dir: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'partition.ntfs');
    await extractPartitionFile(disk, partition, file, signal);
    return work(file, dir);
  });
}

// ntfsls -l -F lines: size, "Mon dd hh:mm yyyy", name (directories end in /).
const NTFSLS_LINE = /^\s*(\d+) \w{3} [ \d]\d \d\d:\d\d \d{4} (.+)$/;

/** Lists one directory of an NTFS partition file. */
export async function listNtfs(file: string, dir = '/', disk = file, signal?: AbortSignal): Promise<VolumeEntry[]> {
  const where = normalizeVolumePath(dir);
  const { stdout } = await runTool('ntfsls', ['-l', '-F', '-p', where, file], { file: `${disk}:${where}`, step: 'volume-list', signal }).catch((error: unknown) => {
    if (signal?.aborted) throw error;
    throw new UsageError(`Cannot list ${where} on ${disk}: ${(error as Error).message}`, { cause: error });
  });
  const entries: VolumeEntry[] = [];
  for (const line of stdout.split('\n')) {
    const match = NTFSLS_LINE.exec(line);
    if (!match) continue;
    const raw = match[2] ?? '';
    const isDir = raw.endsWith('/');
    const name = isDir ? raw.slice(0, -1) : raw;
    if (name === '.' || name === '..' || (where === '/' && name.startsWith('$'))) continue;
    entries.push({ name, path: path.posix.join(where, name), type: isDir ? 'dir' : 'file', size: isDir ? 0 : Number(match[1]) });
  }
  return entries;
}

/** Reads one file of an NTFS partition file. */
export async function readNtfsFile(file: string, volumePath: string, disk = file, signal?: AbortSignal): Promise<Buffer> {
  const where = normalizeVolumePath(volumePath);
  const result = await runTool('ntfscat', [file, where], { file: `${disk}:${where}`, step: 'volume-read', binary: true, signal }).catch((error: unknown) => {
    if (signal?.aborted) throw error;
    throw new UsageError(`Cannot read ${where} from ${disk}: ${(error as Error).message}`, { cause: error });
  });
  return result.stdoutBytes;
}

/** Copies an NTFS partition file's tree into a host folder (through an uncompressed WIM). */
export async function extractNtfs(file: string, outDir: string, scratch: string, signal?: AbortSignal): Promise<void> {
  const wim = path.join(scratch, 'extract.wim');
  await captureToWim(file, wim, signal);
  await mkdir(outDir, { recursive: true });
  await applyWim(wim, 1, outDir, [], signal);
}

/**
 * Adds a host tree to an existing NTFS volume. wimlib refuses to apply onto a volume that has
 * files (exit 46, measured), and ntfscp cannot make folders, so: capture the volume into a WIM,
 * add the tree to that image (clashing files are replaced), apply it onto a fresh mkntfs volume
 * of the same geometry and the old serial, and write it over the partition.
 */
export async function copyIntoNtfs(disk: string, partition: PartitionInfo, geometry: Geometry, layout: PartitionLayout, srcDir: string, destDir = '/', signal?: AbortSignal): Promise<void> {
  await withPartitionFile(disk, partition, async (file, dir) => {
    const wim = path.join(dir, 'volume.wim');
    await runTool('wimlib-imagex', ['capture', file, wim, 'volume', '--compress=none'], { file: disk, step: 'volume-copy-in', signal });
    const where = normalizeVolumePath(destDir);
    if ((await readdir(srcDir)).length > 0) {
      await runTool('wimlib-imagex', ['update', wim, '1'], { file: disk, step: 'volume-copy-in', signal, input: `add "${srcDir.replace(/"/g, '\\"')}" "${where}"\n` });
    }
    const fresh = path.join(dir, 'fresh.ntfs');
    await makeNtfsPartitionFile(fresh, geometry, layout, await readNtfsSerial(file), signal);
    await applyWim(wim, 1, fresh, [], signal);
    await splicePartitionFile(fresh, disk, partition, { signal });
  }, signal);
}

/** Reads the serial of an NTFS partition file from its boot sector. */
async function readNtfsSerial(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const boot = Buffer.alloc(512);
    await handle.read(boot, 0, 512, 0);
    const facts = parseBootSector(boot);
    if (facts?.filesystem !== 'ntfs') throw new UsageError(`${file} holds no NTFS volume: its boot sector is not one.`);
    return facts.serial;
  } finally {
    await handle.close();
  }
}
