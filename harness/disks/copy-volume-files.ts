import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { execa } from 'execa';
import { UsageError } from '../errors/errors.js';
import { drive, normalizeVolumePath } from './fat-volume.js';
import { withPartitionFile } from './ntfs-volume.js';
import { readDiskInfo } from './read-disk-info.js';
import type { DiskInfo } from './types.js';

/** One file to copy out of a volume: its path in the volume and the host file to write. */
export interface CopyOut {
  from: string;
  to: string;
}

/**
 * Copies files out of a disk's volume straight into host files, without holding them in memory
 * (the 66 MB kernel is read on every boot). NTFS files share one partition copy. Resolves to the
 * disk's facts (read anyway to find the volume): a boot takes its logical sector size from them.
 */
export async function copyVolumeFilesOut(disk: string, files: readonly CopyOut[], signal?: AbortSignal): Promise<DiskInfo> {
  const info = await readDiskInfo(disk);
  const options = { env: { MTOOLS_SKIP_CHECK: '1', LC_ALL: 'C' }, all: true, ...(signal ? { cancelSignal: signal } : {}) };
  const fail = (file: CopyOut, error: unknown): never => {
    const detail = ((error as { all?: string }).all ?? (error as Error).message).trim().split('\n').slice(-2).join(' | ');
    throw new UsageError(`Cannot read ${normalizeVolumePath(file.from)} from ${disk}: ${detail}`, { step: 'volume-read', cause: error });
  };
  if (info.filesystem !== 'ntfs') {
    for (const file of files) {
      await execa('mcopy', ['-n', '-i', drive(disk, info.partition.startBytes), `::${normalizeVolumePath(file.from)}`, file.to], options).catch((error: unknown) => fail(file, error));
    }
    return info;
  }
  await withPartitionFile(disk, info.partition, async (partition) => {
    for (const file of files) {
      // Bytes, not text: with the default encoding execa decodes what goes to the file as UTF-8
      // on the way (the 66 MB kernel on every NTFS boot: 4.4 s of CPU in the built-in library).
      await execa('ntfscat', [partition, normalizeVolumePath(file.from)], { ...options, all: false, stdout: { file: file.to }, encoding: 'buffer', buffer: false }).catch((error: unknown) => fail(file, error));
    }
  });
  return info;
}

/** Streams one file of the volume into `sink` (nothing is held in memory or written elsewhere). */
export type ReadVolumeFileInto = (from: string, sink: Writable) => Promise<void>;

/**
 * Opens a disk's volume for reading files as streams, as often as `work` asks: a boot hashes
 * its kernel first and writes it only when no stored copy has those bytes. NTFS files share one
 * partition copy for the whole of `work`. Resolves to what `work` gave and the disk's facts.
 */
export async function withVolumeReader<T>(disk: string, work: (read: ReadVolumeFileInto) => Promise<T>, signal?: AbortSignal): Promise<{ result: T; info: DiskInfo }> {
  const info = await readDiskInfo(disk);
  const options = { env: { MTOOLS_SKIP_CHECK: '1', LC_ALL: 'C' }, encoding: 'buffer', buffer: { stdout: false, stderr: true }, ...(signal ? { cancelSignal: signal } : {}) } as const;
  const stream = async (file: string, argv: readonly string[], sink: Writable): Promise<void> => {
    const tool = execa(argv[0] ?? '', argv.slice(1), options);
    try {
      await Promise.all([pipeline(tool.stdout, sink), tool]);
    } catch (error) {
      tool.kill();
      const stderr = (error as { stderr?: Uint8Array }).stderr;
      const detail = (stderr ? Buffer.from(stderr).toString('utf8') : (error as Error).message).trim().split('\n').slice(-2).join(' | ');
      throw new UsageError(`Cannot read ${normalizeVolumePath(file)} from ${disk}: ${detail}`, { step: 'volume-read', cause: error });
    }
  };
  if (info.filesystem !== 'ntfs') {
    const result = await work((from, sink) => stream(from, ['mcopy', '-n', '-i', drive(disk, info.partition.startBytes), `::${normalizeVolumePath(from)}`, '-'], sink));
    return { result, info };
  }
  const result = await withPartitionFile(disk, info.partition, (partition) => work((from, sink) => stream(from, ['ntfscat', partition, normalizeVolumePath(from)], sink)), signal);
  return { result, info };
}
