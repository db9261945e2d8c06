import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { invalidInput } from '../errors/errors.js';
import { runTool } from '../disks/run-tool.js';
import { withTempDir } from '../disks/temp-path.js';
import { readWimInfo } from './wim-info.js';

/**
 * Splits a WIM into parts of at most `partSizeBytes` (wimlib counts whole MiB, at least 1):
 * `first` is part 1, the others are named first2.swm, first3.swm... Parts are made in a
 * temporary folder and moved next to `first` only when all are written. Returns the part paths.
 */
export async function splitWim(wim: string, first: string, partSizeBytes: number): Promise<string[]> {
  const mib = Math.floor(partSizeBytes / 1024 ** 2);
  if (mib < 1) throw invalidInput('part size', 'at least 1M (wimlib splits in whole MiB)', partSizeBytes);
  await readWimInfo(wim);
  return withTempDir(async (dir) => {
    const staged = path.join(dir, path.basename(first));
    await runTool('wimlib-imagex', ['split', wim, staged, String(mib)], { file: wim, step: 'wim-split' });
    const parts = (await readdir(dir)).sort((a, b) => a.length - b.length || a.localeCompare(b));
    const moved: string[] = [];
    try {
      for (const part of parts) {
        const target = path.join(path.dirname(first), part);
        await runTool('mv', ['-f', path.join(dir, part), target], { file: target, step: 'wim-split' });
        moved.push(target);
      }
    } catch (error) {
      await Promise.all(moved.map((part) => rm(part, { force: true })));
      throw error;
    }
    return moved;
  });
}
