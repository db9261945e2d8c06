import { open } from 'node:fs/promises';
import { readExt4Superblock } from '../../disks/ext4-create.js';
import { listPartitions, type DiskLayout, type ListedPartition } from '../../disks/list-partitions.js';
import { UsageError } from '../../errors/errors.js';

/** The Linux root of a disk image: the partition holding an ext2/3/4 filesystem, with its UUID. */
export interface LinuxRoot extends ListedPartition {
  uuid: string;
  /** The filesystem's label ('' when it has none). */
  label: string;
  layout: DiskLayout;
}

/**
 * Finds the root filesystem of a raw Linux disk image, as a boot loader would look for it: the
 * largest partition whose superblock says ext2/3/4. An image with none is named with what it
 * holds instead (a Windows or FAT-only disk, an empty table), before any VM starts.
 * @example const root = await findLinuxRoot('master.img'); // { number: 2, startBytes: 68157440, uuid: '…' }
 */
export async function findLinuxRoot(disk: string): Promise<LinuxRoot> {
  const handle = await open(disk, 'r');
  let layout: DiskLayout;
  try {
    const head = Buffer.alloc(16384);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    layout = await listPartitions(head.subarray(0, bytesRead), async (offset, length) => {
      const buffer = Buffer.alloc(Math.min(length, 1024 * 1024));
      const read = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, read.bytesRead);
    }, disk);
  } finally {
    await handle.close();
  }
  const found: LinuxRoot[] = [];
  for (const partition of layout.partitions) {
    const superblock = await readExt4Superblock(disk, partition.startBytes).catch(() => undefined);
    if (superblock) found.push({ ...partition, uuid: superblock.uuid, label: superblock.label, layout });
  }
  const root = found.sort((a, b) => b.sizeBytes - a.sizeBytes)[0];
  if (!root) {
    const types = layout.partitions.map((partition) => `${partition.number}: type ${partition.typeId}, ${partition.sizeBytes} bytes`).join('; ');
    throw new UsageError(`${disk} has no Linux root filesystem: expected a partition holding ext2/3/4, found ${layout.table.toUpperCase()} partitions ${types}`, {
      hint: 'give a bootable Linux disk image whose root is ext4 (a Windows image goes to `clonelab inspect`)',
    });
  }
  return root;
}
