import { rm } from 'node:fs/promises';
import path from 'node:path';
import { dumpExt4Tree } from '../../disks/ext4-dump.js';
import { extractFat } from '../../disks/fat-volume.js';
import { runTool } from '../../disks/run-tool.js';
import { makeTempSibling } from '../../disks/temp-path.js';
import { renameOrRemove } from '../../host/atomic.js';
import type { CaptureOptions, WimCompression } from '../../imaging/types.js';
import { findLinuxRoot, type LinuxRoot } from '../boot/find-linux-root.js';
import { formatExt4WimFacts, type Ext4WimFacts } from './ext4-wim-facts.js';
import { restoreSpecialModes } from './restore-special-modes.js';
import { withSiblingTempDir } from './sibling-temp-dir.js';

// The same flags as harness/imaging/wim-capture.ts gives each compression choice.
const COMPRESSION_FLAGS: Record<WimCompression, string[]> = {
  none: ['--compress=none'], xpress: ['--compress=XPRESS'], lzx: ['--compress=LZX'], 'lzms-solid': ['--solid', '--compress=LZMS'],
};

/** The name of the WIM image holding the ESP's files. */
export const ESP_IMAGE_NAME = 'esp';

/** What a Linux file capture took. */
export interface CapturedExt4Wim {
  root: LinuxRoot;
  facts: Ext4WimFacts;
  /** Count of special mode bits (setuid, setgid, sticky) put back after the dump. */
  specialModes: number;
}

/**
 * Captures a Linux disk into a new WIM: image 1 the ext4 root's tree (dumped with debugfs, no
 * mount; captured with `--unix-data` so owners, modes and symlinks travel), image 2 `esp` the EFI
 * system partition's files (mtools). The source's label, UUID and ESP size go in image 1's
 * description. The WIM is written under a temporary name, the dump beside it, both removed on
 * failure and cancel.
 */
export async function captureExt4Wim(sourceDisk: string, options: CaptureOptions): Promise<CapturedExt4Wim> {
  const root = await findLinuxRoot(sourceDisk);
  const esp = root.layout.partitions.find((partition) => partition.typeId.toLowerCase() === '0xef');
  const facts: Ext4WimFacts = { rootUuid: root.uuid, rootLabel: root.label, espBytes: esp?.sizeBytes ?? 0 };
  const flags = [...COMPRESSION_FLAGS[options.compress ?? 'lzx'], ...(options.check ? ['--check'] : [])];
  const run = { file: sourceDisk, step: 'wim-capture', signal: options.signal };
  const temporary = makeTempSibling(path.resolve(options.out));
  try {
    const specialModes = await withSiblingTempDir(options.out, async (dir) => {
      const tree = path.join(dir, 'root');
      await dumpExt4Tree(sourceDisk, root.startBytes, tree, options.signal);
      const restored = await restoreSpecialModes(sourceDisk, root.startBytes, tree, options.signal);
      const name = options.name ?? path.basename(sourceDisk);
      await runTool('wimlib-imagex', ['capture', tree, temporary, name, formatExt4WimFacts(facts), '--unix-data', ...flags], run);
      if (esp) {
        const espTree = path.join(dir, 'esp');
        await extractFat(sourceDisk, esp.startBytes, espTree, options.signal);
        await runTool('wimlib-imagex', ['append', espTree, temporary, ESP_IMAGE_NAME, ...(options.check ? ['--check'] : [])], run);
      }
      return restored;
    });
    await renameOrRemove(temporary, options.out);
    return { root, facts, specialModes };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
