import { mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { InfrastructureError, invalidInput } from '../errors/errors.js';
import { normalizeModuleName } from './module-db.js';

/**
 * Makes a private copy of a fresh tree (hard links: instant) with drivers left out of the
 * store, as if the image had been built without them. Files that change are unlinked and
 * written anew, so the cached tree is never touched. Returns the folder; the caller removes it.
 */
export async function stageTree(treeRoot: string, folder: string, omitDrivers: readonly string[]): Promise<string> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(path.dirname(folder), { recursive: true });
  // Hard links only work within one filesystem; a copy is the fallback.
  const linked = await execa('cp', ['-al', treeRoot, folder], { reject: false });
  if (linked.failed) {
    // cp -al made the folder before it failed: copying into it would nest the tree one level down.
    await rm(folder, { recursive: true, force: true });
    const copied = await execa('cp', ['-r', treeRoot, folder], { reject: false });
    if (copied.failed) {
      // cp names every file it could not write: one line says it (a full disk says it once).
      const first = String(copied.stderr).split('\n')[0] ?? copied.shortMessage;
      const full = /No space left on device/.test(String(copied.stderr));
      throw new InfrastructureError(`${full ? 'No space left on the host' : 'Cannot copy the guest tree'} while staging the guest tree into ${folder} (${first})`, {
        phase: 'install', step: 'stage-tree', ...(full ? { hint: 'free space in the output folder (--out) or choose one on a larger filesystem' } : {}),
      });
    }
  }
  if (omitDrivers.length === 0) return folder;
  const store = path.join(folder, 'system', 'drivers');
  const omitted = new Set(omitDrivers.map(normalizeModuleName));
  const dep = await readFile(path.join(store, 'modules.dep'), 'utf8');
  const known = new Set(dep.split('\n').flatMap((line) => (line.includes(':') ? [normalizeModuleName(path.basename(line.split(':')[0] ?? '', '.ko'))] : [])));
  for (const name of omitted) {
    if (!known.has(name)) throw invalidInput('driver to omit from the store', `one of ${[...known].sort().join(', ')}`, name);
  }
  const keptDep = dep.split('\n').filter((line) => {
    const file = line.split(':')[0] ?? '';
    if (!omitted.has(normalizeModuleName(path.basename(file, '.ko')))) return true;
    return false;
  });
  for (const line of dep.split('\n')) {
    const file = line.split(':')[0] ?? '';
    if (file && omitted.has(normalizeModuleName(path.basename(file, '.ko')))) await unlink(path.join(store, file));
  }
  await replaceFile(path.join(store, 'modules.dep'), keptDep.join('\n'));
  const index = await readFile(path.join(store, 'index'), 'utf8');
  await replaceFile(path.join(store, 'index'), index.split('\n').filter((line) => !omitted.has(normalizeModuleName(line.split(' ')[2] ?? ''))).join('\n'));
  return folder;
}

async function replaceFile(file: string, text: string): Promise<void> {
  await unlink(file);
  await writeFile(file, text);
}
