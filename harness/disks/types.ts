// The data types of emulated disks: geometry in, disk facts out.

/** A filesystem the lab can format, read and write without mounting (ext4: the Linux guests' root, made by harness/debian). */
export type Filesystem = 'fat16' | 'fat32' | 'ntfs' | 'ext4';

/** Every filesystem the lab knows, for validation messages. */
export const filesystems: readonly Filesystem[] = ['fat16', 'fat32', 'ntfs', 'ext4'];

/**
 * How a freshly formatted volume gets its serial number: `random` (its own random bits, the
 * default) or `clock` (derived from the second it was formatted, as a formatter that seeds from
 * the clock does: volumes formatted in the same second share it).
 */
export type SerialPolicy = 'random' | 'clock';

/** Every serial policy, for validation messages. */
export const serialPolicies: readonly SerialPolicy[] = ['random', 'clock'];

/** The validated shape of a disk: one partition filling the disk after its start. */
export interface Geometry {
  sizeBytes: number;
  table: 'mbr' | 'gpt';
  /** Start of the partition, in logical sectors. */
  partitionStart: number;
  sectorSize: 512 | 4096;
  filesystem: Filesystem;
  /** Cluster size in bytes; chosen by `parseGeometry` when not given. */
  clusterSize?: number;
  label?: string;
  /** Serial of a fresh volume; absent means `random`. A sector clone still copies its source's. */
  serial?: SerialPolicy;
}

/** What a user or the CLI may give: sizes as numbers or human strings such as `256M`. */
export interface GeometryInput {
  size?: string | number;
  sizeBytes?: number;
  table?: string;
  partitionStart?: string | number;
  sectorSize?: string | number;
  filesystem?: string;
  clusterSize?: string | number;
  label?: string;
  serial?: string;
}

/** Where the one partition of a disk lies, in bytes. */
export interface PartitionInfo {
  startBytes: number;
  sizeBytes: number;
  /** MBR type byte as `0x0c`, or the GPT type GUID. */
  typeId: string;
}

/** Facts read back from a disk image (its table and its boot sector). */
export interface DiskInfo {
  path: string;
  diskSizeBytes: number;
  table: 'mbr' | 'gpt';
  sectorSize: 512 | 4096;
  partition: PartitionInfo;
  filesystem: Filesystem;
  label: string;
  /** Volume serial number as hex (8 digits for FAT, 16 for NTFS). */
  serial: string;
  clusterSize: number;
  /** The size the filesystem itself thinks it has (from its boot sector). */
  fsSizeBytes: number;
  /** The sector size the filesystem's boot sector claims (differs from `sectorSize` after a bad sector clone). */
  fsSectorSize: number;
}

/** One entry of a volume directory. */
export interface VolumeEntry {
  name: string;
  /** Path inside the volume, `/`-separated, starting with `/`. */
  path: string;
  type: 'file' | 'dir';
  size: number;
  /** The 8.3 short name FAT stores, when the volume is FAT. */
  shortName?: string;
}
