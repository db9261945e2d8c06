import { measureAllocatedBytes } from './allocated-bytes.js';
import { applyWimToDisk } from './apply-wim-to-disk.js';
import { captureWim } from './wim-capture.js';
import { readWimInfo } from './wim-info.js';
import type { CloneMethod } from './types.js';

/** File clone: a WIM via wimlib; filesystem- and geometry-neutral as long as the files fit. */
export const fileMethod: CloneMethod = {
  name: 'file',
  async capture(source, options) {
    const { sourceInfo } = await captureWim(source, options.out, options);
    const info = await readWimInfo(options.out);
    const notes = [`compression ${info.compression}; ${info.images.length} image(s); dedupe saving ${(info.dedupeSaving * 100).toFixed(1)}%`];
    return { method: 'file', path: options.out, source, sourceInfo, storedBytes: await measureAllocatedBytes(options.out), index: info.images.length, notes };
  },
  async apply(captured, targetPath, targetGeometry, options = {}) {
    const result = await applyWimToDisk(captured.path, targetPath, targetGeometry, { index: captured.index, refs: captured.refs, keepExisting: options.keepExisting, lossy: options.lossy, formatClock: options.formatClock, signal: options.signal });
    const source = captured.sourceInfo;
    if (source && !options.keepExisting && source.filesystem !== targetGeometry.filesystem) result.notes.push(`filesystem changed ${source.filesystem} → ${targetGeometry.filesystem}`);
    return result;
  },
};
