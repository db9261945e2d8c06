import { findModel, suggestModelNames } from '../../machines/catalog/lookup.js';
import { hardwareCatalog } from '../../machines/catalog/models.js';
import type { ResolvedModel } from '../../machines/catalog/types.js';
import { invalidInput } from '../errors/errors.js';

/** Returns the catalog model of that name (the run's catalog: built-in and user models); an unknown name is a usage error naming the nearest models. */
export function resolveModel(name: string, catalog: readonly ResolvedModel[] = hardwareCatalog): ResolvedModel {
  const model = findModel(name, catalog);
  if (model) return model;
  const nearest = suggestModelNames(name, catalog);
  throw invalidInput('hardware model name', `one of the ${catalog.length} catalog models`, name, {
    hint: nearest.length > 0 ? `Did you mean ${nearest.join(', ')}? See \`clonelab machines list\`.` : 'See `clonelab machines list`.',
  });
}
