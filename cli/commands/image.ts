import type { Command } from 'commander';
import { invalidInput } from '../../harness/errors/errors.js';
import { parseSize } from '../../harness/disks/index.js';
import { applyWimToDisk, captureWim, measureFidelity, readWimInfo, splitWim, verifyWim, type FatLoss, type WimCompression } from '../../harness/imaging/index.js';
import { printJson } from '../run-cli.js';
import { addGeometryOptions, parseGeometryFlags, readBaseGeometry, type GeometryFlags } from '../geometry-options.js';

const compressions: WimCompression[] = ['none', 'xpress', 'lzx', 'lzms-solid'];

/** Splits `WIM[:INDEX]` into the file and the image index (default 1). */
export function parseWimRef(ref: string): { wim: string; index: number } {
  const match = /^(.*):(\d+)$/.exec(ref);
  if (!match) return { wim: ref, index: 1 };
  const index = Number(match[2]);
  if (index < 1) throw invalidInput('image index', 'a number from 1', match[2]);
  return { wim: match[1] ?? ref, index };
}

/** Prints each name a lossy apply onto FAT could not carry, and what became of it. */
export function printLosses(losses: readonly FatLoss[] | undefined): void {
  for (const loss of losses ?? []) console.log(`  lost: ${loss.path}: ${loss.reason} (${loss.written ? 'written in place of its case twins' : 'not written'}): ${loss.detail}`);
}

/** Registers `clonelab image capture|apply|info|split|verify`: WIM file imaging. */
export function registerImageCommand(program: Command): void {
  const image = program.command('image').description('file-based imaging with WIM (wimlib)');
  image.command('capture <src> <out>').description('capture a disk image\'s volume or a folder into a WIM')
    .option('--compress <kind>', `compression: ${compressions.join(', ')}`, 'lzx')
    .option('--name <name>', 'image name').option('--append', 'add as a new image to an existing WIM').option('--check', 'write an integrity table')
    .option('--json', 'print the WIM facts as JSON')
    .action(async (src: string, out: string, options: { compress: string; name?: string; append?: boolean; check?: boolean; json?: boolean }) => {
      if (!compressions.includes(options.compress as WimCompression)) throw invalidInput('compression', compressions.join(', '), options.compress);
      await captureWim(src, out, { ...options, compress: options.compress as WimCompression });
      const info = await readWimInfo(out);
      if (options.json) return printJson(info);
      console.log(`${out}: image ${info.images.length} captured; ${info.fileBytes} bytes, ${info.compression}, dedupe saving ${(info.dedupeSaving * 100).toFixed(1)}%`);
    });
  addGeometryOptions(image.command('apply <wim> <target>').description('apply WIM[:INDEX] onto a new disk of the given geometry, or onto an existing one with --keep-existing'))
    .option('--keep-existing', 'keep the files already on TARGET (non-destructive apply)')
    .option('--lossy', 'onto FAT: apply even when names of the image cannot exist there (case twins, forbidden characters, limits), leaving them out; each loss is listed')
    .option('--ref <part...>', 'other parts of a split WIM (default: siblings named like the first part)')
    .option('--json', 'print the result as JSON')
    .action(async (ref: string, target: string, options: GeometryFlags & { keepExisting?: boolean; lossy?: boolean; ref?: string[]; json?: boolean }) => {
      const { wim, index } = parseWimRef(ref);
      const geometry = options.keepExisting ? await readBaseGeometry(target) : parseGeometryFlags(options);
      const result = await applyWimToDisk(wim, target, geometry, { index, refs: options.ref, keepExisting: options.keepExisting, lossy: options.lossy });
      if (options.json) return printJson(result);
      console.log(`${target}: image ${index} of ${wim} applied (${result.info?.filesystem}, volume serial ${result.info?.serial})`);
      for (const note of result.notes) console.log(`  note: ${note}`);
      for (const clash of result.clashes ?? []) console.log(`  replaced: ${clash}`);
      printLosses(result.losses);
    });
  image.command('info <wim>').description('images, counts, sizes, dedupe saving and compression ratio').option('--json', 'as JSON')
    .action(async (wim: string, options: { json?: boolean }) => {
      const info = await readWimInfo(wim);
      if (options.json) return printJson(info);
      console.log(`${wim}: ${info.fileBytes} bytes, ${info.compression}, part ${info.partNumber}/${info.totalParts}, ${info.images.length} image(s)`);
      for (const img of info.images) console.log(`  ${img.index} ${img.name}: ${img.fileCount} files, ${img.dirCount} dirs, ${img.totalBytes} bytes, created ${img.created?.toISOString() ?? '?'}`);
      console.log(`  unique ${info.uniqueBytes} of ${info.logicalBytes} bytes: dedupe saving ${(info.dedupeSaving * 100).toFixed(1)}%; compression ratio ${info.compressionRatio?.toFixed(3) ?? 'n/a'}`);
    });
  image.command('split <wim>').description('split a WIM into parts').requiredOption('--part-size <size>', 'largest part, e.g. 64M')
    .option('--out <first>', 'name of the first part (default: WIM with .swm)').option('--json', 'print the parts as JSON')
    .action(async (wim: string, options: { partSize: string; out?: string; json?: boolean }) => {
      const parts = await splitWim(wim, options.out ?? wim.replace(/\.wim$/i, '') + '.swm', parseSize(options.partSize, 'part size'));
      if (options.json) return printJson({ parts });
      console.log(parts.join('\n'));
    });
  image.command('fidelity <wim> <target>').description('measure what a file clone lost or changed: WIM[:INDEX] against the disk it was applied to').option('--json', 'as JSON')
    .action(async (ref: string, target: string, options: { json?: boolean }) => {
      const { wim, index } = parseWimRef(ref);
      const report = await measureFidelity(wim, index, target);
      if (options.json) return printJson(report);
      console.log(`${report.sourceEntries} entries in the image, ${report.targetEntries} on ${target}; changes: ${JSON.stringify(report.counts)}`);
      for (const finding of report.findings) console.log(`  ${finding.path}: ${finding.kind}: ${finding.before} → ${finding.after}`);
    });
  image.command('verify <wim>').description('check integrity and every blob of a WIM (and its parts)').option('--json', 'as JSON')
    .action(async (wim: string, options: { json?: boolean }) => {
      const result = await verifyWim(wim);
      if (options.json) return printJson(result);
      console.log(`${wim}: ok (${result.parts} part${result.parts === 1 ? '' : 's'})`);
    });
}
