// Cluster-count rules of FAT (Microsoft's FAT specification): the cluster count alone decides
// whether a volume is FAT12, FAT16 or FAT32, so a FAT16 too big or a FAT32 too small is not a
// matter of taste but a volume other systems read as another FAT type.

/** Fewest clusters a FAT16 volume may have (fewer is FAT12). */
export const FAT16_MIN_CLUSTERS = 4085;
/** Most clusters a FAT16 volume may have (more is FAT32). */
export const FAT16_MAX_CLUSTERS = 65524;
/** Fewest clusters a FAT32 volume may have. */
export const FAT32_MIN_CLUSTERS = 65525;
/** Largest cluster the FAT specification allows (64 KiB only works on Windows NT). */
export const FAT_MAX_CLUSTER = 32768;

/** Estimates the data clusters of a FAT volume of `bytes` (overhead: reserved sectors, two FATs, FAT16 root dir). */
export function estimateFatClusters(fat: 'fat16' | 'fat32', bytes: number, clusterSize: number, sectorSize: number): number {
  if (fat === 'fat32') return Math.floor((bytes - 32 * sectorSize) / (clusterSize + 8));
  return Math.floor((bytes - sectorSize - 512 * 32) / (clusterSize + 4));
}

/** Picks the cluster size Windows would (FAT32 table of the spec; FAT16: smallest that fits), at least one sector. */
export function chooseFatCluster(fat: 'fat16' | 'fat32', bytes: number, sectorSize: number): number {
  if (fat === 'fat32') {
    const mib = bytes / 1024 ** 2;
    const preferred = mib <= 260 ? 512 : mib <= 8192 ? 4096 : mib <= 16384 ? 8192 : mib <= 32768 ? 16384 : 32768;
    return Math.max(preferred, sectorSize);
  }
  let cluster = sectorSize;
  while (cluster < FAT_MAX_CLUSTER && estimateFatClusters('fat16', bytes, cluster, sectorSize) > FAT16_MAX_CLUSTERS) cluster *= 2;
  return cluster;
}

// Name and size rules of FAT with long names (Microsoft's FAT specification, "FAT Long
// Directory Entries"), as Windows applies them. Linux vfat and mtools accept some names Windows
// cannot open; the lab holds a FAT volume to what the systems it images will read.

/** Longest long name, in UTF-16 code units (the terminating NUL not counted). */
export const FAT_MAX_NAME_UNITS = 255;
/**
 * Longest path below the volume root, in UTF-16 code units: the spec's 260 "including the
 * trailing NUL", read as Windows does with the drive in front (`C:\` + path + NUL).
 */
export const FAT_MAX_PATH_UNITS = 256;
/** Largest file: the directory entry's size field has 32 bits. */
export const FAT_MAX_FILE_BYTES = 2 ** 32 - 1;
/** Most 32-byte entries one directory may hold (`.` and `..` count; a long name takes several). */
export const FAT_MAX_DIR_ENTRIES = 65536;
/** Fixed root directory of FAT16 as mkfs.fat makes it (`-r` default); the volume label takes one. */
export const FAT16_ROOT_ENTRIES = 512;
/** Characters no FAT name may hold (besides the control characters 0x00–0x1F). */
export const FAT_FORBIDDEN_CHARACTERS = '"*/:<>?\\|';
/** Characters a long name entry holds: 13 UTF-16 code units per 32-byte entry. */
export const FAT_LONG_NAME_UNITS_PER_ENTRY = 13;
