import { rm } from 'node:fs/promises';
import path from 'node:path';
import { extractPartitionFile } from '../disks/partition-file.js';
import { readDiskInfo } from '../disks/read-disk-info.js';
import { makeTempSibling } from '../disks/temp-path.js';
import { renameOrRemove } from '../host/atomic.js';
import { measureAllocatedBytes } from './allocated-bytes.js';
import { applyRawPartition } from './raw-partition-apply.js';
import type { CloneMethod } from './types.js';

/** Sector clone: the source partition bit for bit (kept sparse on the host), applied as is. */
export const sectorMethod: CloneMethod = {
  name: 'sector',
  async capture(sourceDisk, options) {
    const sourceInfo = await readDiskInfo(sourceDisk);
    const temporary = makeTempSibling(path.resolve(options.out));
    await extractPartitionFile(sourceDisk, sourceInfo.partition, temporary, options.signal).catch(async (error: unknown) => {
      await rm(temporary, { force: true });
      throw error;
    });
    await renameOrRemove(temporary, options.out);
    return { method: 'sector', path: options.out, source: sourceDisk, sourceInfo, storedBytes: await measureAllocatedBytes(options.out), notes: [`${sourceInfo.partition.sizeBytes} bytes copied bit for bit`] };
  },
  apply: applyRawPartition,
};
