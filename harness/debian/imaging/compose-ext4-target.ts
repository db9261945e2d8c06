import { open, readdir, truncate } from 'node:fs/promises';
import { installGrubBios } from '../../bootloaders/index.js';
import { createExt4 } from '../../disks/ext4-create.js';
import { copyIntoFat } from '../../disks/fat-volume.js';
import { UsageError } from '../../errors/errors.js';
import { computeDebianLayout, formatEsp, writeDebianMbr, type DebianDiskLayout } from '../build/disk-layout.js';

/** What a file-method target disk is made from. */
export interface ComposeExt4TargetOptions {
  /** A new disk image file (made or emptied here). */
  disk: string;
  sizeBytes: number;
  espBytes: number;
  /** The root's tree in a host folder (owners and modes as they go onto the disk). */
  rootTree: string;
  /** The ESP's files in a host folder. */
  espTree?: string;
  /** The root filesystem's UUID; a new random one when not given. */
  uuid?: string;
  label: string;
  /** What the tree needs (measureTreeBlocks), named when mke2fs runs out of room. */
  treeBytes: number;
  signal?: AbortSignal;
}

/** What was made. */
export interface ComposedExt4Target {
  uuid: string;
  espSerial: string;
  layout: DebianDiskLayout;
}

// mke2fs -d out of room (e2fsprogs 1.47.0, measured): "Could not allocate block in ext2 filesystem while populating file system".
const OUT_OF_ROOM = /Could not allocate|No space left/i;

/**
 * Makes a Linux disk of any size from host trees, as the build composes one: MBR, ESP (FAT32,
 * new serial) with the ESP's files, the ext4 root by `mke2fs -d` with the given label, then GRUB's
 * boot.img and core.img (installGrubBios): a WIM carries files, never the boot code.
 */
export async function composeExt4Target(options: ComposeExt4TargetOptions): Promise<ComposedExt4Target> {
  const { disk, signal } = options;
  const layout = computeDebianLayout(options.sizeBytes, options.espBytes);
  await (await open(disk, 'w')).close();
  await truncate(disk, options.sizeBytes);
  await writeDebianMbr(disk, layout, signal);
  const espSerial = await formatEsp(disk, layout, signal);
  if (options.espTree && (await readdir(options.espTree)).length > 0) await copyIntoFat(disk, layout.esp.startBytes, options.espTree, '/', signal);
  const uuid = await createExt4({
    disk, offsetBytes: layout.root.startBytes, sizeBytes: layout.root.sizeBytes, uuid: options.uuid, ...(options.label ? { label: options.label } : {}), fromDir: options.rootTree, signal,
  }).catch((error: unknown) => {
    if (signal?.aborted || !OUT_OF_ROOM.test((error as Error).message)) throw error;
    throw new UsageError(`File clone refused: the root tree (at least ${options.treeBytes} bytes as ext4 blocks) does not fit the target's root partition (${layout.root.sizeBytes} bytes of a ${options.sizeBytes}-byte disk) with ext4's own metadata`, { hint: 'give a larger target disk', cause: error });
  });
  await installGrubBios({ disk, rootPartition: 2, signal });
  return { uuid, espSerial, layout };
}
