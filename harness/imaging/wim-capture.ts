import { copyFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';
import { extractPartitionFile } from '../disks/partition-file.js';
import { readDiskInfo } from '../disks/read-disk-info.js';
import { runTool } from '../disks/run-tool.js';
import { makeTempSibling, withTempDir } from '../disks/temp-path.js';
import { renameOrRemove } from '../host/atomic.js';
import { extractVolume } from '../disks/volume-access.js';
import type { DiskInfo } from '../disks/types.js';
import type { WimCompression } from './types.js';

/** The wimlib-imagex flags of each compression choice. */
const compressionFlags: Record<WimCompression, string[]> = {
  none: ['--compress=none'], xpress: ['--compress=XPRESS'], lzx: ['--compress=LZX'], 'lzms-solid': ['--solid', '--compress=LZMS'],
};

/** Options of captureWim. */
export interface CaptureWimOptions {
  compress?: WimCompression;
  name?: string;
  append?: boolean;
  check?: boolean;
  /** Stops wimlib (and the mtools/qemu-img reading the source) when aborted. */
  signal?: AbortSignal;
}

/**
 * Captures a disk's volume or a host folder into a WIM (new, or appended as one more image).
 * NTFS is captured in wimlib's NTFS-3G mode from a partition copy (ACLs, ADS, short names kept);
 * FAT goes through a host folder (mtools). The WIM is written under a temporary name.
 */
export async function captureWim(source: string, out: string, options: CaptureWimOptions = {}): Promise<{ sourceInfo?: DiskInfo }> {
  const sourceStat = await stat(source).catch(() => undefined);
  if (!sourceStat) throw new UsageError(`Cannot capture ${source}: no such file or folder.`);
  if (options.append && !(await stat(out).catch(() => undefined))) throw new UsageError(`Cannot append to ${out}: no such WIM.`, { hint: 'drop --append to make a new WIM' });
  const name = options.name ?? path.basename(source);
  const temporary = makeTempSibling(path.resolve(out));
  const flags = [...(options.append ? [] : compressionFlags[options.compress ?? 'lzx']), ...(options.check ? ['--check'] : [])];
  const verb = options.append ? 'append' : 'capture';
  try {
    if (options.append) await copyFile(out, temporary);
    let sourceInfo: DiskInfo | undefined;
    if (sourceStat.isDirectory()) {
      await runTool('wimlib-imagex', [verb, source, temporary, name, ...flags], { file: source, step: 'wim-capture', ...(options.signal ? { signal: options.signal } : {}) });
    } else {
      sourceInfo = await readDiskInfo(source);
      const info = sourceInfo;
      await withTempDir(async (dir) => {
        const from = path.join(dir, info.filesystem === 'ntfs' ? 'partition.ntfs' : 'tree');
        if (info.filesystem === 'ntfs') await extractPartitionFile(source, info.partition, from, options.signal);
        else await extractVolume(source, from, options.signal);
        await runTool('wimlib-imagex', [verb, from, temporary, name, ...flags], { file: source, step: 'wim-capture', ...(options.signal ? { signal: options.signal } : {}) });
      });
    }
    await renameOrRemove(temporary, out);
    return { sourceInfo };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
