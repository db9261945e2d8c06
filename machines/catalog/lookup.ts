import { suggestNames } from '../devices/registry.js';
import { hardwareCatalog } from './models.js';
import type { HardwareModel } from './types.js';

/** Finds a catalog model by name, or returns undefined. */
export function findModel(name: string, catalog: readonly HardwareModel[] = hardwareCatalog): HardwareModel | undefined {
  return catalog.find((candidate) => candidate.name === name);
}

/** The catalog's model names nearest to an unknown name, best first. */
export function suggestModelNames(name: string, catalog: readonly HardwareModel[] = hardwareCatalog): string[] {
  return suggestNames(name, catalog.map((candidate) => candidate.name));
}
