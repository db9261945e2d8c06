import type { Command } from 'commander';
import Table from 'cli-table3';
import { createDisk, listVolume, readDiskInfo, readVolumeFile } from '../../harness/disks/index.js';
import { addGeometryOptions, parseGeometryFlags, type GeometryFlags } from '../geometry-options.js';
import { printJson } from '../run-cli.js';

/** Registers `clonelab disk create|info|ls|cat`. */
export function registerDiskCommand(program: Command): void {
  const disk = program.command('disk').description('emulated disks: make them, look inside them (no mounting)');
  addGeometryOptions(disk.command('create <out>').description('create a disk image with one formatted partition'))
    .option('--from <dir>', 'copy this host folder tree into the volume')
    .option('--json', 'print the disk facts as JSON')
    .action(async (out: string, options: GeometryFlags & { from?: string; json?: boolean }) => {
      const info = await createDisk(out, parseGeometryFlags(options), { fromDir: options.from });
      if (options.json) return printJson(info);
      console.log(`${out}: ${info.diskSizeBytes} bytes, ${info.table}, ${info.sectorSize}-byte sectors, ${info.filesystem} "${info.label}" serial ${info.serial}, cluster ${info.clusterSize}, partition at ${info.partition.startBytes}`);
    });
  disk.command('info <img>').description('print what the table and boot sector say').option('--json', 'as JSON')
    .action(async (img: string, options: { json?: boolean }) => {
      const info = await readDiskInfo(img);
      if (options.json) return printJson(info);
      for (const [key, value] of Object.entries(info)) console.log(`${key.padEnd(14)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
    });
  disk.command('ls <img> [path]').description('list a folder of the volume').option('--json', 'as JSON')
    .action(async (img: string, dir: string | undefined, options: { json?: boolean }) => {
      const entries = await listVolume(img, dir ?? '/');
      if (options.json) return printJson(entries);
      const table = new Table({ style: { head: [], border: [] }, head: ['type', 'size', 'name', '8.3'] });
      for (const entry of entries) table.push([entry.type, entry.size, entry.name, entry.shortName ?? '']);
      console.log(table.toString());
    });
  disk.command('cat <img> <path>').description('write one file of the volume to stdout')
    .action(async (img: string, file: string) => {
      process.stdout.write(await readVolumeFile(img, file));
    });
}
