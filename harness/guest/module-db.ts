import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { InfrastructureError } from '../errors/errors.js';
import { makeDirAtomic } from '../host/atomic.js';
import type { KernelTree } from '../host/kernel-package.js';

/** The kernel's module dependency graph and PCI/virtio aliases (what depmod makes). */
export interface ModuleDb {
  release: string;
  modulesDir: string;
  /** Module name (underscores) → path relative to the modules dir, e.g. `kernel/fs/fat/vfat.ko`. */
  paths: Map<string, string>;
  /** Module path → the paths it depends on, as modules.dep lists them. */
  deps: Map<string, string[]>;
  /** `alias PATTERN MODULE` lines of modules.alias, in depmod's order. */
  aliases: { pattern: string; module: string }[];
}

/** Normalizes a module name the way the kernel does (`ne2k-pci` and `ne2k_pci` are one module). */
export function normalizeModuleName(name: string): string {
  return name.replaceAll('-', '_');
}

/**
 * Runs busybox depmod once over the whole module tree (the kernel package ships no
 * modules.dep) and caches modules.dep + modules.alias next to the kernel tree.
 */
export async function loadModuleDb(kernel: KernelTree, cacheRoot: string): Promise<ModuleDb> {
  const folder = path.join(cacheRoot, 'guest', `moduledb-${kernel.release}`);
  if (!existsSync(path.join(folder, 'modules.dep'))) {
    await makeDirAtomic(folder, async (temporary) => {
      const base = path.join(temporary, 'root');
      const moduleRoot = path.join(base, 'lib', 'modules', kernel.release);
      await mkdir(moduleRoot, { recursive: true });
      // Hard links are instant; a copy is the fallback when the cache spans filesystems.
      const linked = await execa('cp', ['-al', path.join(kernel.modulesDir, 'kernel'), moduleRoot], { reject: false });
      if (linked.failed) await cp(path.join(kernel.modulesDir, 'kernel'), path.join(moduleRoot, 'kernel'), { recursive: true });
      await execa('busybox', ['depmod', '-b', base, kernel.release]).catch((error: unknown) => {
        throw new InfrastructureError(`busybox depmod failed: ${(error as Error).message}`, { step: 'guest-build', cause: error });
      });
      await writeFile(path.join(temporary, 'modules.dep'), await readFile(path.join(moduleRoot, 'modules.dep')));
      await writeFile(path.join(temporary, 'modules.alias'), await readFile(path.join(moduleRoot, 'modules.alias')));
      await execa('rm', ['-rf', base]);
    });
  }
  return parseModuleDb(kernel, await readFile(path.join(folder, 'modules.dep'), 'utf8'), await readFile(path.join(folder, 'modules.alias'), 'utf8'));
}

/** Parses modules.dep and modules.alias text into a ModuleDb. */
export function parseModuleDb(kernel: KernelTree, depText: string, aliasText: string): ModuleDb {
  const paths = new Map<string, string>();
  const deps = new Map<string, string[]>();
  for (const line of depText.split('\n')) {
    const [file, rest] = line.split(':');
    if (!file || rest === undefined) continue;
    deps.set(file, rest.trim() ? rest.trim().split(/\s+/) : []);
    paths.set(normalizeModuleName(path.basename(file, '.ko')), file);
  }
  const aliases = aliasText.split('\n').flatMap((line) => {
    const [keyword, pattern, module] = line.split(' ');
    return keyword === 'alias' && pattern && module ? [{ pattern, module: normalizeModuleName(module) }] : [];
  });
  return { release: kernel.release, modulesDir: kernel.modulesDir, paths, deps, aliases };
}

/** The module files (relative paths) needed to load `names`, dependencies included. */
export function resolveModuleClosure(db: ModuleDb, names: readonly string[]): string[] {
  const result = new Set<string>();
  const visit = (file: string): void => {
    if (result.has(file)) return;
    result.add(file);
    for (const dep of db.deps.get(file) ?? []) visit(dep);
  };
  for (const name of names) {
    const file = db.paths.get(normalizeModuleName(name));
    if (!file) throw new InfrastructureError(`The kernel ${db.release} has no module "${name}"`, { step: 'guest-build' });
    visit(file);
  }
  return [...result].sort();
}

/** The modules.dep lines of a set of module files (busybox modprobe reads them). */
export function formatModulesDep(db: ModuleDb, files: readonly string[]): string {
  return files.map((file) => `${file}: ${(db.deps.get(file) ?? []).join(' ')}`.trimEnd() + '\n').join('');
}
