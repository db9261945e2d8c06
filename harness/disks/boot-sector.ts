import type { Filesystem } from './types.js';

/** What a volume's boot sector says about itself. */
export interface BootSectorFacts {
  filesystem: Filesystem;
  bytesPerSector: number;
  clusterSize: number;
  totalSectors: number;
  serial: string;
  label: string;
}

/** Parses a FAT16/FAT32/NTFS boot sector; returns undefined for anything else. */
export function parseBootSector(boot: Buffer): BootSectorFacts | undefined {
  if (boot.length < 512 || boot.readUInt16LE(510) !== 0xaa55) return undefined;
  const bytesPerSector = boot.readUInt16LE(11);
  const rawPerCluster = boot.readUInt8(13);
  if (boot.toString('ascii', 3, 11) === 'NTFS    ') {
    // Values above 0x80 mean 2^(256 - value) sectors per cluster.
    const perCluster = rawPerCluster > 0x80 ? 2 ** (256 - rawPerCluster) : rawPerCluster;
    const serial = boot.subarray(0x48, 0x50).reverse().toString('hex').toUpperCase();
    return { filesystem: 'ntfs', bytesPerSector, clusterSize: perCluster * bytesPerSector, totalSectors: Number(boot.readBigUInt64LE(0x28)), serial, label: '' };
  }
  const total = boot.readUInt16LE(0x13) || boot.readUInt32LE(0x20);
  if (boot.toString('ascii', 0x52, 0x57) === 'FAT32') {
    return { filesystem: 'fat32', bytesPerSector, clusterSize: rawPerCluster * bytesPerSector, totalSectors: total, serial: readFatSerial(boot, 0x43), label: readFatLabel(boot, 0x47) };
  }
  if (boot.toString('ascii', 0x36, 0x3b) === 'FAT16') {
    return { filesystem: 'fat16', bytesPerSector, clusterSize: rawPerCluster * bytesPerSector, totalSectors: total, serial: readFatSerial(boot, 0x27), label: readFatLabel(boot, 0x2b) };
  }
  return undefined;
}

/** Reads a FAT volume serial as 8 hex digits, as `vol` prints it. */
function readFatSerial(boot: Buffer, offset: number): string {
  return boot.readUInt32LE(offset).toString(16).toUpperCase().padStart(8, '0');
}

/** Reads a FAT boot-sector label; "NO NAME" means none. */
function readFatLabel(boot: Buffer, offset: number): string {
  const label = boot.toString('ascii', offset, offset + 11).trimEnd();
  return label === 'NO NAME' ? '' : label;
}
