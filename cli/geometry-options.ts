import { Option, type Command } from 'commander';
import { describeGeometry, parseGeometry, readDiskInfo, type Geometry, type GeometryInput } from '../harness/disks/index.js';

/** The geometry flags as commander hands them over (strings; parseGeometry validates them). */
export interface GeometryFlags {
  size?: string;
  fs?: string;
  table?: string;
  sectorSize?: string;
  partitionStart?: string;
  clusterSize?: string;
  label?: string;
  serial?: string;
}

/** What a command changes in the one set of geometry flags. */
export interface GeometryOptionSettings {
  /** Default disk size (`guest install`: 256M); without it the size comes from elsewhere or is required by parseGeometry. */
  size?: string;
  /** The command cannot do without a filesystem (`guest install`). */
  requireFs?: boolean;
}

/**
 * Builds the geometry flags: one set for every command that takes a geometry (`guest install`,
 * `disk create`, `image apply`, `clone`), named after the geometry fields a scenario writes
 * (`sectorSize` ↔ `--sector-size`).
 * @example for (const option of geometryOptions({ size: '256M', requireFs: true })) command.addOption(option);
 */
export function geometryOptions(settings: GeometryOptionSettings = {}): Option[] {
  const size = new Option('--size <size>', 'disk size, e.g. 256M');
  const fs = new Option('--fs <filesystem>', 'filesystem: fat16, fat32 or ntfs');
  return [
    settings.size === undefined ? size : size.default(settings.size),
    settings.requireFs ? fs.makeOptionMandatory() : fs,
    new Option('--table <table>', 'partition table: mbr or gpt'),
    new Option('--sector-size <bytes>', 'logical sector size: 512 or 4096'),
    new Option('--partition-start <sectors>', 'partition start in logical sectors'),
    new Option('--cluster-size <bytes>', 'cluster size, e.g. 4K'),
    new Option('--label <label>', 'volume label'),
    new Option('--serial <how>', 'serial of a fresh volume: random (default) or clock (as mkntfs: formatted in one second, same serial)'),
  ];
}

/** Adds the geometry flags to a command. */
export function addGeometryOptions(command: Command, settings?: GeometryOptionSettings): Command {
  for (const option of geometryOptions(settings)) command.addOption(option);
  return command;
}

/** Turns geometry flags into a validated geometry, flags overriding `base` (e.g. the source disk's geometry). */
export function parseGeometryFlags(flags: GeometryFlags, base?: Geometry): Geometry {
  const sectorChanged = flags.sectorSize !== undefined && Number(flags.sectorSize) !== base?.sectorSize;
  const input: GeometryInput = {
    sizeBytes: flags.size === undefined ? base?.sizeBytes : undefined, size: flags.size,
    filesystem: flags.fs ?? base?.filesystem, table: flags.table ?? base?.table, sectorSize: flags.sectorSize ?? base?.sectorSize,
    // A start or cluster given in the source's sector units makes no sense on another sector size.
    partitionStart: flags.partitionStart ?? (sectorChanged ? undefined : base?.partitionStart),
    clusterSize: flags.clusterSize ?? (sectorChanged || flags.fs !== undefined || flags.size !== undefined ? undefined : base?.clusterSize),
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
