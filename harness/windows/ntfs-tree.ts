import { UsageError } from '../errors/errors.js';
import { listNtfs } from '../disks/ntfs-volume.js';
import type { InspectLimits } from './limits.js';
import { streamToolToFile, TooLargeError } from './stream-tool.js';
import type { ImageRef } from './types.js';
import { makeResolver } from './resolve-by-name.js';
import type { WindowsTree } from './windows-tree.js';

/**
 * The tree of an NTFS volume in its own partition file (ntfs-3g tools cannot address a
 * partition inside a disk): ntfsls lists, ntfscat reads. ntfscat looks paths up as spelled
 * (measured: `/windows/…` does not find `/WINDOWS/…`), so names are matched here.
 */
export function openNtfsTree(partitionFile: string, ref: ImageRef, description: string, limits: InspectLimits, signal?: AbortSignal): WindowsTree {
  const resolve = makeResolver(async (dir) => {
    try {
      return (await listNtfs(partitionFile, dir, ref.label, signal)).map((entry) => entry.name);
    } catch (error) {
      if (signal?.aborted) throw error;
      return undefined;
    }
  });
  return {
    ref, description, resolve,
    async listTop() {
      return (await listNtfs(partitionFile, '/', ref.label, signal)).map((entry) => entry.name);
    },
    async extract(file, dest, maxBytes) {
      const { bytes, failure } = await streamToolToFile('ntfscat', [partitionFile, file], dest, {
        file: `${ref.label} ${file}`, step: 'volume-read', maxBytes, timeoutMs: limits.toolTimeoutMs, signal,
      }).catch((error: unknown) => {
        if (error instanceof TooLargeError) throw new UsageError(`${ref.label} ${file} is larger than ${maxBytes} bytes: not read`, { step: 'volume-read' });
        throw error;
      });
      if (failure) throw new UsageError(`Cannot read ${file} from ${description}: ${failure.stderr}`, { step: 'volume-read' });
      return bytes;
    },
  };
}
