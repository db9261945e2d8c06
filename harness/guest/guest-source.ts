import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `guest/` folder of the checkout: the scripts that run inside the VM. */
export function guestSourceDir(): string {
  // dist/harness/guest/guest-source.js → <repo>/guest
  return fileURLToPath(new URL('../../../guest/', import.meta.url));
}

/**
 * Lists the guest's OS scripts with their contents: `guest/os/*.sh`, and the scripts the loader
 * shares with them (`guest/shared/*.sh`, packed into the loader too: see readSharedScripts).
 */
export async function readOsScripts(source = guestSourceDir()): Promise<{ name: string; text: string }[]> {
  return [...(await readScripts(path.join(source, 'os'))), ...(await readSharedScripts(source))];
}

/** The scripts both the loader (as `/lib/NAME`) and the OS scripts (as `/os/NAME`) source: `guest/shared/*.sh`. */
export async function readSharedScripts(source = guestSourceDir()): Promise<{ name: string; text: string }[]> {
  return readScripts(path.join(source, 'shared'));
}

async function readScripts(folder: string): Promise<{ name: string; text: string }[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.sh')).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(folder, name), 'utf8') })));
}
