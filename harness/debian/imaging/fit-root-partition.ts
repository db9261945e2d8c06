import { runTool } from '../../disks/run-tool.js';
import { UsageError } from '../../errors/errors.js';
import type { LinuxRoot } from '../boot/find-linux-root.js';

/**
 * Makes the root partition (the last one) end at the end of a disk of a new size. `sfdisk -N`
 * edits that one entry of the existing MBR: GRUB's boot code, the disk signature (what
 * `root=PARTUUID=` names) and the other entries are kept, which a new label (writeDebianMbr)
 * would not keep. GPT disks are refused: their backup header would have to move.
 */
export async function fitRootPartition(disk: string, root: LinuxRoot, sizeBytes: number, signal?: AbortSignal): Promise<void> {
  if (root.layout.table !== 'mbr') {
    throw new UsageError(`Cannot resize the root partition of ${disk}: its table is ${root.layout.table.toUpperCase()}, and only MBR disks are resized here (expected a target of exactly the source's size)`);
  }
  await runTool('sfdisk', ['--no-reread', '--no-tell-kernel', '-q', '-N', String(root.number), disk], { file: disk, step: 'partition', input: ', +\n', signal });
}
