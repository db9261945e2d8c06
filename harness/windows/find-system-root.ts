import { UsageError } from '../errors/errors.js';
import type { WindowsTree } from './windows-tree.js';

/** Where Windows keeps its hives, below the system root. */
export const CONFIG_DIR = 'System32/config';

/** The folder names setup gives the system root: `Windows` (XP and later), `WINNT` (NT 4.0, 2000). */
const USUAL_ROOTS = ['Windows', 'WINNT'];
/** How many other top-level folders are searched for a system root. */
const MAX_SEARCHED = 64;

/** A tree that holds a Windows 9x system (SYSTEM.DAT and USER.DAT, no NT hives). */
export class NotNtError extends UsageError {}

/** A tree that holds no Windows system at all. */
export class NoWindowsError extends UsageError {}

/**
 * Finds the system root as Windows names it: `\Windows` or `\WINNT` in any case, else any
 * top-level folder holding `System32\config\SYSTEM`, else the tree itself when it is a system
 * root (a folder given as C:\Windows). Returns the root as the tree spells it (`/WINDOWS`,
 * `` for the tree itself). A Windows 9x tree (SYSTEM.DAT, no NT registry) and a tree without
 * Windows are refused with what was looked for and what is there.
 */
export async function findSystemRoot(tree: WindowsTree): Promise<string> {
  const hasHives = async (root: string): Promise<string | undefined> => {
    const system = await tree.resolve(`${root}/${CONFIG_DIR}/SYSTEM`);
    return system === undefined ? undefined : system.split('/').slice(0, -3).join('/');
  };
  for (const name of USUAL_ROOTS) {
    const found = await hasHives(`/${name}`);
    if (found !== undefined) return found;
  }
  const top = await tree.listTop();
  const others = top.filter((name) => !USUAL_ROOTS.some((usual) => usual.toLowerCase() === name.toLowerCase()) && !name.startsWith('$')).slice(0, MAX_SEARCHED);
  for (const name of others) {
    const found = await hasHives(`/${name}`);
    if (found !== undefined) return found;
  }
  const itself = await hasHives('');
  if (itself !== undefined) return itself;
  for (const name of ['', ...top.slice(0, MAX_SEARCHED)]) {
    const nineX = await tree.resolve(`${name === '' ? '' : `/${name}`}/SYSTEM.DAT`);
    if (nineX !== undefined) {
      const user = await tree.resolve(`${name === '' ? '' : `/${name}`}/USER.DAT`);
      throw new NotNtError(
        `${tree.description} holds a Windows 9x system (${toWindowsPath(nineX)}${user ? ` and ${toWindowsPath(user)}` : ''}): Windows 95/98/Me keep their registry in SYSTEM.DAT and USER.DAT, not in NT hives; clonelab inspect reads NT registry hives (\\Windows\\System32\\config\\SYSTEM).`,
        { step: 'find-system-root', hint: 'inspect Windows NT, 2000, XP or later images' },
      );
    }
  }
  const shown = top.length === 0 ? 'nothing (the tree is empty)' : `${top.slice(0, 20).join(', ')}${top.length > 20 ? `, … (${top.length} names)` : ''}`;
  throw new NoWindowsError(
    `${tree.description} holds no Windows system: expected \\Windows\\${CONFIG_DIR.replace('/', '\\')}\\SYSTEM (or \\WINNT\\…, in any case), found at its top: ${shown}.`,
    { step: 'find-system-root', hint: 'give the image, partition or folder that holds the Windows installation' },
  );
}

/** A tree path as Windows writes it: `/WINDOWS/system32` → `\WINDOWS\system32`. */
export function toWindowsPath(treePath: string): string {
  return treePath.replace(/\//g, '\\');
}
