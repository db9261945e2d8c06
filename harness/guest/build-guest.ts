import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDirAtomic } from '../host/atomic.js';
import { linkOrCopy } from '../host/link-or-copy.js';
import { cacheDir } from '../host/cache-dir.js';
import { ensureKernelTree, type KernelTree } from '../host/kernel-package.js';
import { guestSourceDir, readOsScripts, readSharedScripts } from './guest-source.js';
import { buildBasePiece, buildModulePiece, buildNtfsPiece, FILESYSTEM_MODULES, type LoaderPiece } from './loader-pieces.js';
import { loadModuleDb } from './module-db.js';
import { planStore, type StorePlan } from './store-plan.js';
import { pruneStaleTrees } from './prune-trees.js';
import { writeDriverStore } from './write-driver-store.js';

// Bump when the layout of the tree changes, so cached trees are rebuilt.
const TREE_FORMAT = 1;
const BUILDER_FILES = ['build-guest.js', 'cpio-newc.js', 'loader-pieces.js', 'module-db.js', 'store-plan.js', 'write-driver-store.js'];

/** Options of the builder. */
export interface BuildGuestOptions {
  /** Cache folder (default: `cacheDir()`). */
  cache?: string;
}

/** A built, not-yet-installed system volume tree (read-only: copy it before changing it). */
export interface GuestTree {
  /** Root of the tree: `boot/`, `system/`, `users/`. */
  root: string;
  /** Hash of the builder's inputs (the cache key). */
  hash: string;
  release: string;
  /** Size in bytes of each loader piece, by name (`base`, `fs-fat`, `fs-ntfs`, `stor-…`). */
  pieceSizes: Record<string, number>;
  /** Module parameters the kernel command line should carry (SCSI settle times). */
  moduleParams: string[];
  /** Top-level modules of the driver store. */
  storeModules: string[];
}

/** Builds the reference guest's fresh system tree, or returns the cached one for the same inputs. */
export async function buildGuest(options: BuildGuestOptions = {}): Promise<GuestTree> {
  const cache = options.cache ?? cacheDir();
  const kernel = await ensureKernelTree(cache);
  const plan = planStore();
  const hash = await hashInputs(kernel, plan);
  const root = path.join(cache, 'guest', `tree-${hash}`);
  if (!existsSync(path.join(root, 'manifest.json'))) {
    await makeDirAtomic(root, (temporary) => fillTree(temporary, kernel, plan, cache, hash));
    await pruneStaleTrees(path.dirname(root), path.basename(root));
  }
  const manifest = JSON.parse(await readFile(path.join(root, 'manifest.json'), 'utf8')) as Omit<GuestTree, 'root'>;
  return { ...manifest, root: path.join(root, 'tree') };
}

async function fillTree(folder: string, kernel: KernelTree, plan: StorePlan, cache: string, hash: string): Promise<void> {
  const tree = path.join(folder, 'tree');
  const db = await loadModuleDb(kernel, cache);
  await mkdir(path.join(tree, 'boot', 'pieces'), { recursive: true });
  await linkOrCopy(kernel.vmlinux, path.join(tree, 'boot', 'vmlinux'));
  const pieces: LoaderPiece[] = [
    await buildBasePiece(path.join(guestSourceDir(), 'loader', 'init'), kernel.release, await readSharedScripts()),
    await buildModulePiece('fs-fat', db, FILESYSTEM_MODULES.fat),
    await buildNtfsPiece(db),
    ...(await Promise.all(Object.entries(plan.storagePieces).map(([key, modules]) => buildModulePiece(`stor-${key}`, db, modules)))),
  ];
  for (const piece of pieces) await writeFile(path.join(tree, 'boot', 'pieces', `${piece.name}.img`), piece.data);
  // The install loader is the "setup media": every filesystem and every storage driver.
  await writeFile(path.join(tree, 'boot', 'loader.img'), Buffer.concat(pieces.map((piece) => piece.data)));
  await writeDriverStore(path.join(tree, 'system', 'drivers'), db, plan);
  await mkdir(path.join(tree, 'system', 'os'), { recursive: true });
  for (const script of await readOsScripts()) await writeFile(path.join(tree, 'system', 'os', script.name), script.text);
  await writeFile(path.join(tree, 'system', 'setup-pending'), 'install\n');
  await mkdir(path.join(tree, 'users', 'Default'), { recursive: true });
  await writeFile(path.join(tree, 'users', 'Default', 'readme.txt'), 'The default profile of the clonelab reference guest.\n');
  const manifest: Omit<GuestTree, 'root'> = {
    hash, release: kernel.release,
    pieceSizes: Object.fromEntries(pieces.map((piece) => [piece.name, piece.data.length])),
    moduleParams: plan.moduleParams, storeModules: plan.storeModules,
  };
  await writeFile(path.join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Hashes everything the tree is made from: kernel, registry plan, guest scripts, host binaries. */
async function hashInputs(kernel: KernelTree, plan: StorePlan): Promise<string> {
  const hash = createHash('sha256').update(`format ${TREE_FORMAT}\n${kernel.release}\n${JSON.stringify(plan)}\n`);
  hash.update(await readFile(path.join(guestSourceDir(), 'loader', 'init')));
  for (const script of await readOsScripts()) hash.update(`${script.name}\n${script.text}`);
  // The builder's own code is an input too: a change to how pieces are made rebuilds the tree.
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const name of BUILDER_FILES) hash.update(await readFile(path.join(here, name)).catch(() => Buffer.from(name)));
  for (const binary of ['/usr/bin/busybox', '/usr/bin/ntfs-3g', kernel.vmlinux]) {
    const info = await stat(binary).catch(() => undefined);
    hash.update(`${binary} ${info?.size ?? 0} ${info?.mtimeMs ?? 0}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}
