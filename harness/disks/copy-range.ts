import { escapeOption } from '../qemu/escape-option.js';
import { runTool } from './run-tool.js';

const CHUNK = 1024 * 1024;
const SECTOR = 512;

/** Options of a byte-range copy between two files. */
export interface CopyRangeOptions {
  from: string;
  fromOffset: number;
  to: string;
  toOffset: number;
  length: number;
  /**
   * Skip writing all-zero chunks. Only correct when the target range is already zero (a fresh or
   * truncated file); keeps the target sparse, like `cp --sparse=always`.
   */
  skipZeros?: boolean;
  /** Cancels the copy (qemu-img or dd is stopped). */
  signal?: AbortSignal;
  /** Image format of `from` (default raw); a qcow2 source is read through QEMU's qcow2 driver (sector-aligned ranges only). */
  fromFormat?: 'raw' | 'qcow2';
}

/**
 * Copies `length` bytes from one file offset to another. Sector-aligned ranges (every partition)
 * go through `qemu-img convert`, which skips holes (SEEK_DATA) and punches them where the source
 * is zero, so the target stays sparse; other ranges through dd (`conv=sparse` skips zero blocks).
 * Measured on a 256 MiB FAT32 master (57 MB of data): extract 0.30 s vs dd 0.79 s, write back
 * into a used disk 0.13 s vs 0.93 s (and 57 MB allocated instead of 261 MB).
 * Returns the bytes copied.
 */
export async function copyRange(options: CopyRangeOptions): Promise<number> {
  if (options.length === 0) return 0;
  if ((options.fromFormat ?? 'raw') !== 'raw' || [options.fromOffset, options.toOffset, options.length].every((value) => value % SECTOR === 0)) {
    await runTool('qemu-img', buildConvertArgs(options), { file: options.to, step: 'copy', signal: options.signal });
    return options.length;
  }
  const args = [
    `if=${options.from}`, `of=${options.to}`, `bs=${CHUNK}`, `skip=${options.fromOffset}`, `seek=${options.toOffset}`, `count=${options.length}`,
    'iflag=skip_bytes,count_bytes', 'oflag=seek_bytes', `conv=notrunc${options.skipZeros ? ',sparse' : ''}`, 'status=none',
  ];
  await runTool('dd', args, { file: options.to, step: 'copy', signal: options.signal });
  return options.length;
}

/** The qemu-img argv of a sector-aligned range copy: both ends as raw windows (`offset`, `size`) onto plain files. */
export function buildConvertArgs(options: CopyRangeOptions): string[] {
  // The source is only read (often a read-only master a VM may be using as a backing file): no lock.
  const file = options.fromFormat === 'qcow2'
    ? `file.driver=qcow2,file.file.driver=file,file.file.locking=off,file.file.filename=${escapeOption(options.from)}`
    : `file.driver=file,file.locking=off,file.filename=${escapeOption(options.from)}`;
  const source = `driver=raw,offset=${options.fromOffset},size=${options.length},${file}`;
  const target = `driver=raw,offset=${options.toOffset},size=${options.length},file.driver=file,file.filename=${escapeOption(options.to)}`;
  return ['convert', '-n', ...(options.skipZeros ? ['--target-is-zero'] : []), '--image-opts', source, '--target-image-opts', target];
}
