import { rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { makeTempSibling } from '../../disks/temp-path.js';
import { UsageError } from '../../errors/errors.js';
import { renameOrRemove } from '../../host/atomic.js';
import { copySparse } from '../../host/sparse-copy.js';
import { createOverlay } from '../../imaging/overlay-method.js';
import type { CloneMethod } from '../../imaging/types.js';
import { findLinuxRoot } from '../boot/find-linux-root.js';

/**
 * Sector clone of a Linux disk: the whole disk bit for bit (partition table, boot loader, ESP,
 * root), so every clone keeps the master's filesystem UUIDs. Onto a smaller disk it is refused
 * (forced, it is cut and the root does not mount); onto a larger one the partitions do not grow.
 */
export const linuxSectorMethod: CloneMethod = {
  name: 'sector',
  async capture(sourceDisk) {
    // The master is read-only: its bytes are the image, nothing is copied until apply.
    const root = await findLinuxRoot(sourceDisk);
    const { size } = await stat(sourceDisk);
    return { method: 'sector', path: path.resolve(sourceDisk), source: sourceDisk, storedBytes: 0, notes: [`whole disk (${size} bytes; root ext4 ${root.uuid} on partition ${root.number}) copied bit for bit to each target`] };
  },
  async apply(captured, targetPath, geometry, options = {}) {
    const { size } = await stat(captured.path);
    const notes: string[] = [];
    if (geometry.sizeBytes < size && !options.force) {
      throw new UsageError(`Sector clone refused: the target disk (${geometry.sizeBytes} bytes) is smaller than the source disk (${size} bytes); the copy would cut the root filesystem`, { hint: 'give a target at least as large, or use the file method' });
    }
    const temporary = makeTempSibling(path.resolve(targetPath));
    try {
      await copySparse(captured.path, temporary, options.signal);
      await truncate(temporary, geometry.sizeBytes);
      await renameOrRemove(temporary, targetPath);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    if (geometry.sizeBytes > size) notes.push(`target is ${geometry.sizeBytes - size} bytes larger than the source: the partitions and the filesystem did not grow`);
    if (geometry.sizeBytes < size) notes.push(`forced onto a smaller disk: cut at ${geometry.sizeBytes} of ${size} bytes`);
    return { method: 'sector', target: targetPath, bytesWritten: Math.min(size, geometry.sizeBytes), notes };
  },
};

/** Overlay clone of a Linux disk: a qcow2 child of the master per target; the master is never written. */
export const linuxOverlayMethod: CloneMethod = {
  name: 'overlay',
  async capture(sourceDisk) {
    await findLinuxRoot(sourceDisk);
    return { method: 'overlay', path: path.resolve(sourceDisk), source: sourceDisk, storedBytes: 0, notes: ['the master disk is the backing file; it must not change while children exist'] };
  },
  async apply(captured, targetPath, _geometry, options = {}) {
    await createOverlay(captured.path, targetPath, options.signal);
    return { method: 'overlay', target: targetPath, bytesWritten: 0, notes: ['qcow2 child of the master: the target has the master\'s disk and filesystems'] };
  },
};
