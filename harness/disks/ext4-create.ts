import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { InfrastructureError, UsageError } from '../errors/errors.js';
import { runTool } from './run-tool.js';

// ext4 made and read with no mount: mke2fs writes straight into a disk image at a byte offset
// (`-E offset=`), and the superblock is read here from the file.

/** What makes an ext4 filesystem. */
export interface CreateExt4Options {
  /** The disk image file (made when missing; never shrunk). */
  disk: string;
  /** Where the filesystem starts in the disk, in bytes. */
  offsetBytes: number;
  /** Size of the filesystem, in bytes (rounded down to whole KiB). */
  sizeBytes: number;
  /** Filesystem UUID; a random one when not given. */
  uuid?: string;
  /** Volume label, at most 16 bytes. */
  label?: string;
  /** A host folder copied into the new filesystem (`mke2fs -d`): owners, modes, xattrs, hard links and device nodes kept. */
  fromDir?: string;
  signal?: AbortSignal;
}

/** The identity fields of an ext4 superblock. */
export interface Ext4Superblock {
  /** Lower-case UUID, e.g. `0f3c…-…`. */
  uuid: string;
  label: string;
  blockSize: number;
  blocksCount: number;
}

const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXT4_MAGIC = 0xef53;
// The superblock sits 1024 bytes into the filesystem; these offsets are inside it.
const SUPERBLOCK_OFFSET = 1024;
const SUPERBLOCK_BYTES = 1024;

/** Makes an ext4 filesystem at a byte offset of a disk image (`mke2fs -t ext4 -E offset=…`); returns its UUID. */
export async function createExt4(options: CreateExt4Options): Promise<string> {
  const { disk, offsetBytes, sizeBytes } = options;
  if (!Number.isSafeInteger(offsetBytes) || offsetBytes < 0) throw new UsageError(`Invalid ext4 offset: expected a byte offset >= 0, got ${offsetBytes}.`);
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 4 * 1024 * 1024) throw new UsageError(`Invalid ext4 size: expected at least 4 MiB in bytes, got ${sizeBytes}.`);
  const uuid = (options.uuid ?? randomUUID()).toLowerCase();
  if (!UUID_FORMAT.test(uuid)) throw new UsageError(`Invalid ext4 UUID: expected 8-4-4-4-12 hex digits, got ${JSON.stringify(options.uuid)}.`);
  if (options.label !== undefined && Buffer.byteLength(options.label) > 16) throw new UsageError(`Invalid ext4 label: expected at most 16 bytes, got ${JSON.stringify(options.label)}.`);
  const args = ['-t', 'ext4', '-F', '-q', '-U', uuid, ...(options.label !== undefined ? ['-L', options.label] : []),
    '-E', `offset=${offsetBytes}`, ...(options.fromDir ? ['-d', options.fromDir] : []), disk, `${Math.floor(sizeBytes / 1024)}k`];
  await runTool('mke2fs', args, { file: disk, step: 'mkfs', signal: options.signal });
  return uuid;
}

/** Reads the UUID of the ext4 filesystem at a byte offset of a disk image. */
export async function readExt4Uuid(disk: string, offsetBytes: number): Promise<string> {
  return (await readExt4Superblock(disk, offsetBytes)).uuid;
}

/** Reads UUID, label and size from the superblock at `offsetBytes + 1024`; throws when the ext2/3/4 magic is missing. */
export async function readExt4Superblock(disk: string, offsetBytes: number): Promise<Ext4Superblock> {
  const block = Buffer.alloc(SUPERBLOCK_BYTES);
  const handle = await open(disk, 'r').catch((error: unknown) => {
    throw new InfrastructureError(`Cannot open ${disk} to read an ext4 superblock: ${(error as Error).message}`, { step: 'ext4', cause: error });
  });
  let bytesRead: number;
  try {
    ({ bytesRead } = await handle.read(block, 0, SUPERBLOCK_BYTES, offsetBytes + SUPERBLOCK_OFFSET));
  } finally {
    await handle.close();
  }
  const magic = bytesRead >= 0x3a ? block.readUInt16LE(0x38) : undefined;
  if (magic !== EXT4_MAGIC) {
    const found = magic === undefined ? `only ${bytesRead} bytes (the file ends there)` : `0x${magic.toString(16).padStart(4, '0')}`;
    throw new InfrastructureError(`No ext4 filesystem at byte ${offsetBytes} of ${disk}: expected the magic 0xef53 at byte ${offsetBytes + SUPERBLOCK_OFFSET + 0x38}, found ${found}`, { step: 'ext4' });
  }
  const hex = block.subarray(0x68, 0x78).toString('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const labelBytes = block.subarray(0x78, 0x88);
  const end = labelBytes.indexOf(0);
  const label = labelBytes.subarray(0, end < 0 ? 16 : end).toString('utf8');
  // s_log_block_size at 0x18: block size = 1024 << n; s_blocks_count_lo at 0x04, _hi at 0x150 (64bit feature).
  const blockSize = 1024 * 2 ** block.readUInt32LE(0x18);
  const blocksCount = block.readUInt32LE(0x04) + block.readUInt32LE(0x150) * 2 ** 32;
  return { uuid, label, blockSize, blocksCount };
}
