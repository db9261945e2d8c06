import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

const BLOCK = 4096;

/**
 * Bytes a host tree needs as ext4 blocks: each file rounded up to 4 KiB, a block per folder.
 * A lower bound (no inode tables, journal, or extent blocks): a tree larger than the partition
 * surely does not fit and is refused before mke2fs runs.
 */
export async function measureTreeBlocks(tree: string): Promise<number> {
  const entries = await readdir(tree, { recursive: true, withFileTypes: true });
  let bytes = BLOCK;
  for (const entry of entries) {
    if (entry.isDirectory()) bytes += BLOCK;
    else if (entry.isFile()) bytes += Math.ceil((await lstat(path.join(entry.parentPath, entry.name))).size / BLOCK) * BLOCK;
  }
  return bytes;
}
