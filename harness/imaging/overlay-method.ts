import { rm } from 'node:fs/promises';
import path from 'node:path';
import { readDiskInfo } from '../disks/read-disk-info.js';
import { runTool } from '../disks/run-tool.js';
import { makeTempSibling } from '../disks/temp-path.js';
import { renameOrRemove } from '../host/atomic.js';
import type { CloneMethod } from './types.js';

/** Makes `targetPath` a qcow2 child of the raw `backing` disk (written to a temporary name, then renamed). */
export async function createOverlay(backing: string, targetPath: string, signal?: AbortSignal): Promise<void> {
  const temporary = makeTempSibling(path.resolve(targetPath));
  try {
    await runTool('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', backing, temporary], { file: targetPath, step: 'overlay-create', signal });
    await renameOrRemove(temporary, targetPath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Overlay clone: a qcow2 child of the master per target; instant, and the master is never written. */
export const overlayMethod: CloneMethod = {
  name: 'overlay',
  async capture(sourceDisk) {
    // Nothing to copy: the master itself is the capture (its facts are read to check it is a disk).
    const sourceInfo = await readDiskInfo(sourceDisk);
    return { method: 'overlay', path: path.resolve(sourceDisk), source: sourceDisk, sourceInfo, storedBytes: 0, notes: ['the master disk is the backing file; it must not change while children exist'] };
  },
  async apply(captured, targetPath, targetGeometry, options = {}) {
    await createOverlay(captured.path, targetPath, options.signal);
    const notes = ['qcow2 child of the master: the target has the master\'s geometry, the asked geometry is ignored'];
    const source = captured.sourceInfo;
    if (source && (source.diskSizeBytes !== targetGeometry.sizeBytes || source.filesystem !== targetGeometry.filesystem || source.sectorSize !== targetGeometry.sectorSize)) {
      notes.push(`asked ${targetGeometry.sizeBytes} bytes ${targetGeometry.filesystem} with ${targetGeometry.sectorSize}-byte sectors; got the master's ${source.diskSizeBytes} bytes ${source.filesystem} with ${source.sectorSize}-byte sectors`);
    }
    return { method: 'overlay', target: targetPath, bytesWritten: 0, notes };
  },
};
