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
