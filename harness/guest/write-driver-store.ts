import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatModulesDep, type ModuleDb, resolveModuleClosure } from './module-db.js';
import type { StorePlan } from './store-plan.js';

/**
 * Writes the driver store: the `.ko` files (with dependencies) under their kernel paths,
 * their modules.dep, and `index`, the PCI/virtio id → driver table made from modules.alias
 * (the INF files of this OS). The registry's own drivers come first, so they win a tie.
 */
export async function writeDriverStore(folder: string, db: ModuleDb, plan: StorePlan): Promise<string[]> {
  const files = resolveModuleClosure(db, plan.storeModules);
  for (const file of files) {
    await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
    await copyFile(path.join(db.modulesDir, file), path.join(folder, file));
  }
  await writeFile(path.join(folder, 'modules.dep'), formatModulesDep(db, files));
  await writeFile(path.join(folder, 'index'), formatIndex(db, plan, files));
  return files;
}

/** The index lines (`alias PATTERN MODULE`) of the store's modules, preferred modules first. */
export function formatIndex(db: ModuleDb, plan: StorePlan, files: readonly string[]): string {
  const inStore = new Set(files.map((file) => path.basename(file, '.ko').replaceAll('-', '_')));
  const rank = (module: string): number => {
    const index = plan.preferredModules.indexOf(module);
    return index < 0 ? plan.preferredModules.length : index;
  };
  const lines = db.aliases
    .filter((alias) => inStore.has(alias.module) && /^(pci|virtio):/.test(alias.pattern))
    .map((alias, order) => ({ ...alias, order }))
    .sort((a, b) => rank(a.module) - rank(b.module) || a.order - b.order);
  return `# clonelab driver index: PCI/virtio id pattern → driver (from modules.alias)\n${lines.map((alias) => `alias ${alias.pattern} ${alias.module}\n`).join('')}`;
}
