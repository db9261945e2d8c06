import { rm } from 'node:fs/promises';
import path from 'node:path';
import { extractPartitionFile } from '../disks/partition-file.js';
import { readDiskInfo } from '../disks/read-disk-info.js';
import { runTool } from '../disks/run-tool.js';
import { makeTempSibling, withTempDir } from '../disks/temp-path.js';
import { renameOrRemove } from '../host/atomic.js';
import { measureAllocatedBytes } from './allocated-bytes.js';
import { copyFatUsedClusters } from './fat-used-clusters.js';
import { applyRawPartition } from './raw-partition-apply.js';
import type { CloneMethod } from './types.js';

/**
 * Used-blocks clone: only allocated clusters, in a sparse raw partition file (ntfsclone for
 * NTFS; clonelab's own FAT reader for FAT), applied like a sector clone.
 */
export const usedBlocksMethod: CloneMethod = {
  name: 'used-blocks',
  async capture(sourceDisk, options) {
    const sourceInfo = await readDiskInfo(sourceDisk);
    const temporary = makeTempSibling(path.resolve(options.out));
    const notes: string[] = [];
    try {
      if (sourceInfo.filesystem === 'ntfs') {
        await withTempDir(async (dir) => {
          const partition = path.join(dir, 'partition.ntfs');
          await extractPartitionFile(sourceDisk, sourceInfo.partition, partition, options.signal);
          // Without --save-image, ntfsclone writes a sparse raw copy of the used clusters only.
          await runTool('ntfsclone', ['--overwrite', temporary, partition], { file: sourceDisk, step: 'used-blocks-capture', signal: options.signal });
        });
        notes.push('tool: ntfsclone (used clusters only, sparse raw output)');
      } else {
        const copy = await copyFatUsedClusters(sourceDisk, sourceInfo.partition.startBytes, sourceInfo.partition.sizeBytes, temporary);
        notes.push(`tool: clonelab's FAT reader (partclone is not installed): ${copy.usedClusters} of ${copy.clusters} clusters used, ${copy.bytesCopied} bytes copied`);
      }
      await renameOrRemove(temporary, options.out);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { method: 'used-blocks', path: options.out, source: sourceDisk, sourceInfo, storedBytes: await measureAllocatedBytes(options.out), notes };
  },
  apply: applyRawPartition,
};
