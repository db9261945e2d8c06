import { stat } from 'node:fs/promises';

/** Bytes a file takes on the host disk (sparse holes do not count). */
export async function measureAllocatedBytes(file: string): Promise<number> {
  const info = await stat(file);
  return Math.min(info.size, info.blocks * 512);
}
