import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `guest/` folder of the checkout: the scripts that run inside the VM. */
export function guestSourceDir(): string {
  // dist/harness/guest/guest-source.js → <repo>/guest
  return fileURLToPath(new URL('../../../guest/', import.meta.url));
}

/** Lists the guest's OS scripts (`guest/os/*.sh`) with their contents. */
export async function readOsScripts(source = guestSourceDir()): Promise<{ name: string; text: string }[]> {
  const folder = path.join(source, 'os');
  const names = (await readdir(folder)).filter((name) => name.endsWith('.sh')).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(folder, name), 'utf8') })));
}
