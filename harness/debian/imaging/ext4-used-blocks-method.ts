import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { readExt4Superblock } from '../../disks/ext4-create.js';
import { makeTempSibling } from '../../disks/temp-path.js';
import { UsageError } from '../../errors/errors.js';
import { renameOrRemove } from '../../host/atomic.js';
import { measureAllocatedBytes } from '../../imaging/allocated-bytes.js';
import type { CloneMethod } from '../../imaging/types.js';
import { findLinuxRoot } from '../boot/find-linux-root.js';
import { copyExt4UsedBlocks } from './copy-ext4-used-blocks.js';
import { fitRootPartition } from './fit-root-partition.js';

/**
 * Used-blocks clone of a Linux disk with e2image (e2fsprogs), not partclone: the capture is a
 * sparse raw disk file holding the MBR, the GRUB gap and the ESP as they are, and only the
 * allocated blocks of the ext4 root. A bit copy of the filesystem, so the UUID and label stay the
 * source's. Onto a larger disk the root partition grows to the end but the filesystem does not.
 */
export const linuxUsedBlocksMethod: CloneMethod = {
  name: 'used-blocks',
  async capture(sourceDisk, options) {
    const root = await findLinuxRoot(sourceDisk);
    const { size } = await stat(sourceDisk);
    const temporary = makeTempSibling(path.resolve(options.out));
    try {
      await copyExt4UsedBlocks(sourceDisk, root, temporary, size, options.signal);
      await renameOrRemove(temporary, options.out);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const storedBytes = await measureAllocatedBytes(options.out);
    return {
      method: 'used-blocks', path: options.out, source: sourceDisk, storedBytes,
      notes: [`tool: e2image -ra (used blocks of the ext4 root ${root.uuid} on partition ${root.number}); the ${root.startBytes} bytes before it (MBR, GRUB gap, ESP) copied as they are; ${storedBytes} of ${size} bytes stored`],
    };
  },
  async apply(captured, targetPath, geometry, options = {}) {
    const root = await findLinuxRoot(captured.path);
    const superblock = await readExt4Superblock(captured.path, root.startBytes);
    const fsBytes = superblock.blocksCount * superblock.blockSize;
    const room = geometry.sizeBytes - root.startBytes;
    if (room < fsBytes && (!options.force || room <= 0)) {
      throw new UsageError(`Used-blocks clone refused: the target disk (${geometry.sizeBytes} bytes) leaves ${room} bytes for the root partition after byte ${root.startBytes}, smaller than the source's ext4 filesystem (${fsBytes} bytes); the copy would cut it`, { hint: 'give a larger target, or use the file method (a fresh ext4 of any size)' });
    }
    const { size: sourceSize } = await stat(captured.path);
    const temporary = makeTempSibling(path.resolve(targetPath));
    try {
      await copyExt4UsedBlocks(captured.path, root, temporary, geometry.sizeBytes, options.signal);
      if (geometry.sizeBytes !== sourceSize) await fitRootPartition(temporary, root, geometry.sizeBytes, options.signal);
      await renameOrRemove(temporary, targetPath);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const notes = [`bit copy of the ext4 root: UUID ${superblock.uuid} and label ${JSON.stringify(superblock.label)} kept (every clone shares them)`];
    if (room > fsBytes) notes.push(`the root partition now fills the target (${room} bytes) but the filesystem did not grow: ${fsBytes} bytes, ${room - fsBytes} unused (resize2fs would grow it)`);
    if (room < fsBytes) notes.push(`forced onto a smaller disk: the filesystem (${fsBytes} bytes) was cut at ${room} bytes and will not mount`);
    return { method: 'used-blocks', target: targetPath, bytesWritten: await measureAllocatedBytes(targetPath), notes };
  },
};
