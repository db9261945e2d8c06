import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Copies host files from /usr/lib (real, mixed content) into a tree of about `mib` MiB; returns its byte count. */
export async function makeTree(root: string, mib: number): Promise<number> {
  let total = 0;
  const files = (await readdir('/usr/lib/x86_64-linux-gnu', { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const [index, entry] of files.entries()) {
    if (total >= mib * 1024 ** 2) break;
    const from = path.join(entry.parentPath, entry.name);
    const size = (await stat(from)).size;
    if (size > 8 * 1024 ** 2) continue;
    const dir = path.join(root, `d${index % 20}`);
    await mkdir(dir, { recursive: true });
    await copyFile(from, path.join(dir, `${index}-${entry.name}`));
    total += size;
  }
  return total;
}
