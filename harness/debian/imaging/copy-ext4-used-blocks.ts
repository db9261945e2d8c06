import { open, truncate } from 'node:fs/promises';
import { copyRange } from '../../disks/copy-range.js';
import { runTool } from '../../disks/run-tool.js';
import { UsageError } from '../../errors/errors.js';
import type { LinuxRoot } from '../boot/find-linux-root.js';

/**
 * Writes a fresh sparse disk file holding the bytes before the root (MBR with GRUB's boot.img,
 * core.img in the gap, the ESP) and only the root filesystem's allocated blocks, then sizes it
 * to `sizeBytes`. Tool: e2image from e2fsprogs (`e2image -ra -o SRC -O DST`, 1.47.0: `-r` raw,
 * `-a` with file data; unused blocks are never written, so they stay holes), not partclone
 * (not packaged here). e2image ends its output at the filesystem's last byte (ftruncate,
 * measured), so the file is sized afterwards.
 */
export async function copyExt4UsedBlocks(from: string, root: LinuxRoot, to: string, sizeBytes: number, signal?: AbortSignal): Promise<void> {
  const rootEnd = root.startBytes + root.sizeBytes;
  const after = root.layout.partitions.filter((partition) => partition.startBytes >= rootEnd);
  if (after.length > 0) {
    const named = after.map((partition) => `${partition.number} (type ${partition.typeId}) at byte ${partition.startBytes}`).join(', ');
    throw new UsageError(`Used-blocks clone of ${from} refused: it copies the bytes before the root filesystem and the root's used blocks, but partition ${named} lies after the root and would be lost`, { hint: 'use the sector method for this disk' });
  }
  await (await open(to, 'w')).close();
  await truncate(to, Math.max(sizeBytes, root.startBytes));
  await copyRange({ from, fromOffset: 0, to, toOffset: 0, length: root.startBytes, skipZeros: true, signal });
  const offset = String(root.startBytes);
  await runTool('e2image', ['-r', '-a', '-o', offset, '-O', offset, from, to], { file: from, step: 'used-blocks-copy', signal });
  await truncate(to, sizeBytes);
}
