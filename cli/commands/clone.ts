import type { Command } from 'commander';
import path from 'node:path';
import { invalidInput } from '../../harness/errors/errors.js';
import { withTempDir } from '../../harness/disks/temp-path.js';
import { cloneMethods, type CloneMethodName } from '../../harness/imaging/index.js';
import { printJson } from '../run-cli.js';
import { addGeometryOptions, parseGeometryFlags, readBaseGeometry, type GeometryFlags } from '../geometry-options.js';
import { printLosses } from './image.js';

/** Registers `clonelab clone --method sector|used-blocks|file|overlay SRC TARGET`. */
export function registerCloneCommand(program: Command): void {
  addGeometryOptions(program.command('clone <src> <target>').description('clone a disk onto a target geometry (geometry flags default to the source\'s)'))
    .requiredOption('--method <method>', `one of ${Object.keys(cloneMethods).join(', ')}`)
    .option('--force', 'sector/used-blocks: truncate onto a smaller partition (reproduces the failure)')
    .option('--lossy', 'file onto FAT: apply even when names cannot exist there (case twins, forbidden characters, limits), leaving them out; each loss is listed')
    .option('--json', 'print the result as JSON')
    .action(async (src: string, target: string, options: GeometryFlags & { method: string; force?: boolean; lossy?: boolean; json?: boolean }) => {
      const method = cloneMethods[options.method as CloneMethodName];
      if (!method) throw invalidInput('clone method', Object.keys(cloneMethods).join(', '), options.method);
      if (options.lossy && method.name !== 'file') throw invalidInput('--lossy', 'it with --method file (only a file clone changes the filesystem and its name rules)', `--method ${method.name}`);
      const base = await readBaseGeometry(src);
      // Sector-level methods keep the source filesystem, so its size rules do not apply to the
      // target: validate the layout only, and let the method refuse a partition too small.
      const keepsFilesystem = method.name === 'sector' || method.name === 'used-blocks';
      const geometry = keepsFilesystem && options.fs === undefined
        ? { ...parseGeometryFlags({ ...options, fs: 'ntfs', clusterSize: undefined, label: '' }, base), filesystem: base.filesystem, clusterSize: base.clusterSize, label: base.label }
        : parseGeometryFlags(options, base);
      const result = await withTempDir(async (dir) => {
        const captured = await method.capture(src, { out: path.join(dir, 'capture') });
        return { captured, applied: await method.apply(captured, target, geometry, { force: options.force, lossy: options.lossy }) };
      });
      if (options.json) return printJson(result);
      console.log(`${target}: ${method.name} clone of ${src} (${result.captured.storedBytes} bytes captured, ${result.applied.bytesWritten} written)`);
      for (const note of [...result.captured.notes, ...result.applied.notes]) console.log(`  note: ${note}`);
      printLosses(result.applied.losses);
    });
}
