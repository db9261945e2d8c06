import { copyFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';
import { makeResolver } from './resolve-by-name.js';
import type { WindowsTree } from './windows-tree.js';

/** The tree of a host folder holding a Windows tree (a volume's root, or a system root itself). */
export function openFolderTree(folder: string): WindowsTree {
  const resolve = makeResolver(async (dir) => readdir(path.join(folder, dir)).catch(() => undefined));
  return {
    ref: { label: folder, kind: 'folder', path: folder },
    description: `folder ${folder}`,
    resolve,
    async listTop() {
      return (await readdir(folder)).sort();
    },
    async extract(file, dest, maxBytes) {
      const source = path.join(folder, file);
      const { size } = await stat(source);
      if (size > maxBytes) throw new UsageError(`${source} is larger than ${maxBytes} bytes: not read`, { step: 'volume-read' });
      await copyFile(source, dest);
      return size;
    },
  };
}
