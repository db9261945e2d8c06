import type { Command } from 'commander';
import Table from 'cli-table3';
import { createDisk, describeGeometry, listVolume, parseGeometry, readDiskInfo, readVolumeFile, type Geometry, type GeometryInput } from '../../harness/disks/index.js';
import { printJson } from '../run-cli.js';

/** The geometry flags shared by `disk create`, `image apply` and `clone`. */
export interface GeometryFlags {
  size?: string;
  fs?: string;
  table?: string;
  sector?: string;
  start?: string;
  cluster?: string;
  label?: string;
  serial?: string;
}

/** Adds the geometry flags to a command. */
export function addGeometryOptions(command: Command): Command {
  return command
    .option('--size <size>', 'disk size, e.g. 256M')
    .option('--fs <fs>', 'filesystem: fat16, fat32 or ntfs')
    .option('--table <table>', 'partition table: mbr or gpt')
    .option('--sector <bytes>', 'logical sector size: 512 or 4096')
    .option('--start <sectors>', 'partition start in logical sectors')
    .option('--cluster <bytes>', 'cluster size, e.g. 4K')
    .option('--label <label>', 'volume label')
    .option('--serial <how>', 'serial of a fresh volume: random (default) or clock (as mkntfs: formatted in one second, same serial)');
}

/** Turns geometry flags into a validated geometry, flags overriding `base` (e.g. the source disk's geometry). */
export function parseGeometryFlags(flags: GeometryFlags, base?: Geometry): Geometry {
  const sectorChanged = flags.sector !== undefined && Number(flags.sector) !== base?.sectorSize;
  const input: GeometryInput = {
    sizeBytes: flags.size === undefined ? base?.sizeBytes : undefined, size: flags.size,
    filesystem: flags.fs ?? base?.filesystem, table: flags.table ?? base?.table, sectorSize: flags.sector ?? base?.sectorSize,
    // A start or cluster given in the source's sector units makes no sense on another sector size.
    partitionStart: flags.start ?? (sectorChanged ? undefined : base?.partitionStart),
    clusterSize: flags.cluster ?? (sectorChanged || flags.fs !== undefined || flags.size !== undefined ? undefined : base?.clusterSize),
    label: flags.label ?? base?.label,
    // Never inherited: the serial policy is how a fresh volume is made, not a fact of the source.
    serial: flags.serial,
  };
  return parseGeometry(input);
}

/** Geometry of an existing disk, as defaults for flags. */
export async function readBaseGeometry(disk: string): Promise<Geometry> {
  return describeGeometry(await readDiskInfo(disk));
}

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
