// A small MBR disk like the Debian layout: ESP (type 0xef, FAT) at 1 MiB, Linux (0x83) after it.
import { open, truncate, writeFile } from 'node:fs/promises';
import { execa } from 'execa';

export const ESP_OFFSET = 1024 * 1024;

/** Writes a sparse MBR disk of `mib` MiB whose first partition starts at `firstSector`; formats the 8 MiB ESP (FAT12: too small for FAT16) when asked. */
export async function makeMbrDisk(file: string, options: { mib?: number; firstSector?: number; formatEsp?: boolean } = {}): Promise<void> {
  const first = options.firstSector ?? 2048;
  await writeFile(file, '');
  await truncate(file, (options.mib ?? 24) * 1024 * 1024);
  await execa('sfdisk', ['--quiet', file], { input: `label: dos\nstart=${first}, size=16384, type=ef\nstart=${first + 16384}, type=83\n` });
  if (options.formatEsp) await execa('mkfs.fat', ['--offset', String(first), file, '8192']);
}

/** Reads `length` bytes of a file at `offset`. */
export async function readBytes(file: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const bytes = Buffer.alloc(length);
    await handle.read(bytes, 0, length, offset);
    return bytes;
  } finally {
    await handle.close();
  }
}
