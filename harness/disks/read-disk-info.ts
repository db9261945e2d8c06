import { open } from 'node:fs/promises';
import { UsageError } from '../errors/errors.js';
import { parseBootSector } from './boot-sector.js';
import { readNtfsLabel } from './ntfs-label.js';
import { readPartitionTable } from './read-partition-table.js';
import type { DiskInfo } from './types.js';

/**
 * Reads the facts of a disk image from its partition table and its volume's boot sector: works
 * on any disk the lab made, also after a guest wrote to it. The logical sector size is detected
 * (see readPartitionTable), not kept in a sidecar file.
 */
export async function readDiskInfo(path: string): Promise<DiskInfo> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw new UsageError(`Cannot open disk image ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { cause: error });
  });
  try {
    const { size } = await handle.stat();
    if (size < 4096) throw new UsageError(`${path} is not a disk image: it has only ${size} bytes.`);
    const table = await readPartitionTable(handle, path);
    const end = table.partition.startBytes + table.partition.sizeBytes;
    // A cut-off copy (interrupted download, full disk) would otherwise pass for a smaller disk.
    if (end > size) throw new UsageError(`${path} is truncated: its partition table says the partition ends at byte ${end}, but the file has only ${size} bytes.`, { hint: 'copy the disk image again' });
    const boot = Buffer.alloc(512);
    await handle.read(boot, 0, 512, table.partition.startBytes);
    const facts = parseBootSector(boot);
    if (!facts) throw new UsageError(`${path} holds no FAT16, FAT32 or NTFS volume at byte ${table.partition.startBytes} (its partition's boot sector is not one).`);
    const label = facts.filesystem === 'ntfs' ? await readNtfsLabel(handle, table.partition.startBytes, boot) : facts.label;
    return {
      path, diskSizeBytes: size, table: table.table, sectorSize: table.sectorSize, partition: table.partition,
      filesystem: facts.filesystem, label, serial: facts.serial, clusterSize: facts.clusterSize,
      fsSizeBytes: facts.totalSectors * facts.bytesPerSector, fsSectorSize: facts.bytesPerSector,
    };
  } finally {
    await handle.close();
  }
}
