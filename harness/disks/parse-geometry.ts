import { invalidInput, UsageError } from '../errors/errors.js';
import { chooseFatCluster, estimateFatClusters, FAT16_MAX_CLUSTERS, FAT16_MIN_CLUSTERS, FAT32_MIN_CLUSTERS, FAT_MAX_CLUSTER } from './fat-limits.js';
import { computePartitionLayout } from './partition-layout.js';
import { parseSize } from './parse-size.js';
import { filesystems, type Filesystem, type Geometry, type GeometryInput } from './types.js';
import { parseSerialPolicy } from './volume-serial.js';

/** Label given to volumes when none is asked for. */
export const DEFAULT_LABEL = 'CLONELAB';
/** Smallest NTFS volume mkntfs makes reliably (measured: 1 MiB fails, 8 MiB works). */
const NTFS_MIN_BYTES = 8 * 1024 ** 2;

/**
 * Validates a geometry and fills in defaults (MBR, 512-byte sectors, start 2048 or 256 for
 * 4096-byte sectors, label CLONELAB, a cluster size). Impossible combinations throw a UsageError
 * naming the field, what was expected and what was given.
 * @example parseGeometry({ size: '256M', filesystem: 'fat32' })
 */
export function parseGeometry(input: GeometryInput): Geometry {
  const filesystem = parseFilesystem(input.filesystem);
  const table = input.table ?? 'mbr';
  if (table !== 'mbr' && table !== 'gpt') throw invalidInput('partition table', '"mbr" or "gpt"', table);
  const sectorSize = Number(input.sectorSize ?? 512);
  if (sectorSize !== 512 && sectorSize !== 4096) throw invalidInput('sector size', '512 or 4096 (bytes per logical sector)', input.sectorSize);
  const sizeBytes = input.sizeBytes ?? parseSize(input.size ?? Number.NaN, 'disk size');
  if (sizeBytes % sectorSize !== 0) throw invalidInput('disk size', `a multiple of the sector size ${sectorSize}`, sizeBytes);
  const partitionStart = Number(input.partitionStart ?? (sectorSize === 4096 ? 256 : 2048));
  if (!Number.isSafeInteger(partitionStart) || partitionStart < 0) throw invalidInput('partition start', 'a whole number of sectors', input.partitionStart);
  const layout = computePartitionLayout({ sizeBytes, table, partitionStart, sectorSize });
  if (partitionStart < layout.firstUsable) {
    throw invalidInput('partition start', `at least sector ${layout.firstUsable} (the ${table.toUpperCase()} table lies before it)`, partitionStart);
  }
  if (layout.sectors <= 0) {
    throw invalidInput('partition start', `a sector before ${layout.lastUsable} so the partition fits in a ${sizeBytes}-byte disk`, partitionStart);
  }
  if (table === 'mbr' && (layout.sectors > 0xffffffff || partitionStart > 0xffffffff)) {
    throw invalidInput('disk size', 'at most 2^32 sectors for an MBR partition (use --table gpt)', sizeBytes);
  }
  const clusterSize = parseClusterSize(input.clusterSize, filesystem, layout.sizeBytes, sectorSize);
  const label = parseLabel(input.label ?? DEFAULT_LABEL, filesystem);
  const serial = parseSerialPolicy(input.serial);
  return { sizeBytes, table, partitionStart, sectorSize, filesystem, clusterSize, label, ...(serial ? { serial } : {}) };
}

/** Checks the filesystem name, suggesting the known ones. */
function parseFilesystem(value: string | undefined): Filesystem {
  if (!filesystems.includes(value as Filesystem)) throw invalidInput('filesystem', filesystems.map((name) => `"${name}"`).join(', '), value);
  return value as Filesystem;
}

/** Checks the cluster size against the filesystem's rules, or picks one. */
function parseClusterSize(value: string | number | undefined, filesystem: Filesystem, partitionBytes: number, sectorSize: number): number {
  if (filesystem === 'ext4') return parseExt4Block(value, sectorSize);
  let cluster: number;
  if (value === undefined) {
    cluster = filesystem === 'ntfs' ? Math.max(4096, sectorSize) : chooseFatCluster(filesystem, partitionBytes, sectorSize);
  } else {
    cluster = parseSize(value, 'cluster size');
    const max = filesystem === 'ntfs' ? 65536 : FAT_MAX_CLUSTER;
    if ((cluster & (cluster - 1)) !== 0 || cluster < sectorSize || cluster > max) {
      throw invalidInput('cluster size', `a power of two from the sector size ${sectorSize} to ${max} bytes for ${filesystem}`, value);
    }
  }
  if (filesystem === 'ntfs') {
    if (partitionBytes < NTFS_MIN_BYTES) throw invalidInput('disk size', `a partition of at least ${NTFS_MIN_BYTES} bytes for NTFS`, partitionBytes);
    return cluster;
  }
  const clusters = estimateFatClusters(filesystem, partitionBytes, cluster, sectorSize);
  if (filesystem === 'fat16' && clusters > FAT16_MAX_CLUSTERS) {
    throw new UsageError(`Invalid disk size: FAT16 over its size limit: a ${partitionBytes}-byte partition with ${cluster}-byte clusters has about ${clusters} clusters, more than FAT16's ${FAT16_MAX_CLUSTERS}.`, { hint: 'use --fs fat32, a smaller --size or a larger --cluster-size (up to 32K)' });
  }
  if (filesystem === 'fat16' && clusters < FAT16_MIN_CLUSTERS) {
    throw new UsageError(`Invalid disk size: FAT16 too small: a ${partitionBytes}-byte partition with ${cluster}-byte clusters has about ${clusters} clusters, fewer than FAT16's ${FAT16_MIN_CLUSTERS} (it would be FAT12).`, { hint: 'use a larger --size or a smaller --cluster-size' });
  }
  if (filesystem === 'fat32' && clusters < FAT32_MIN_CLUSTERS) {
    throw new UsageError(`Invalid disk size: FAT32 too small for its cluster count: a ${partitionBytes}-byte partition with ${cluster}-byte clusters has about ${clusters} clusters, fewer than FAT32's ${FAT32_MIN_CLUSTERS}.`, { hint: `use --fs fat16, a larger --size or a smaller --cluster-size (at least ${sectorSize}, the sector size)` });
  }
  return cluster;
}

/** ext4's block size: 4096 unless asked (1024, 2048 or 4096, and not below the sector size). */
function parseExt4Block(value: string | number | undefined, sectorSize: number): number {
  const block = value === undefined ? 4096 : parseSize(value, 'cluster size');
  if (![1024, 2048, 4096].includes(block) || block < sectorSize) throw invalidInput('cluster size', `an ext4 block size of 1024, 2048 or 4096 bytes, at least the sector size ${sectorSize}`, value);
  return block;
}

/** Checks a volume label: FAT takes 11 plain ASCII characters, NTFS 32 characters, ext4 16 bytes. */
function parseLabel(label: string, filesystem: Filesystem): string {
  if (filesystem === 'ext4') {
    if (Buffer.byteLength(label) > 16 || [...label].some((char) => char.charCodeAt(0) < 0x20)) throw invalidInput('label', 'at most 16 bytes without control characters for ext4', label);
    return label;
  }
  if (filesystem === 'ntfs') {
    if (label.length > 32 || [...label].some((char) => char.charCodeAt(0) < 0x20)) throw invalidInput('label', 'at most 32 printable characters for NTFS', label);
    return label;
  }
  if (!/^[A-Z0-9 _\-!#$%&'()@^`{}~]{0,11}$/.test(label)) {
    throw invalidInput('label', 'at most 11 characters from A-Z, 0-9, space and _-!#$%&\'()@^`{}~ for FAT (upper case)', label);
  }
  return label;
}
