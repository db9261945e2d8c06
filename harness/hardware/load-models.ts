import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hardwareCatalog } from '../../machines/catalog/models.js';
import { resolveModelSources, type ModelSource } from '../../machines/catalog/resolve-models.js';
import type { HardwareModel, ResolvedModel } from '../../machines/catalog/types.js';
import { formatModelProblems } from '../../machines/validate/problems.js';
import { invalidInput, UsageError } from '../errors/errors.js';

export type { ModelSource } from '../../machines/catalog/resolve-models.js';

const HINT = 'A models file is a .json file (a model or an array of models) or a .js/.mjs module whose default export, or `models` export, is a model or an array (defineModel, machines/define-model.ts). TypeScript: compile it to .js first, or run clonelab under a TypeScript loader.';

/**
 * Loads the user's model files and resolves them with the built-in catalog: the run's catalog,
 * built-in models first. Every problem of every file is one UsageError, before any VM starts.
 * @example const catalog = await resolveModels(['./fleet.json']); resolveModel('desk-b', catalog)
 */
export async function resolveModels(files: readonly string[], extra: readonly ModelSource[] = []): Promise<ResolvedModel[]> {
  const unique = [...new Map(files.map((file) => [path.resolve(file), file] as const)).values()];
  const sources = await Promise.all(unique.map((file) => readModelFile(file)));
  return buildCatalog([...sources, ...extra]);
}

/** Reads the models of one file (JSON, or a module's `models` or default export), not yet validated. */
export async function readModelFile(file: string): Promise<ModelSource> {
  const absolute = path.resolve(file);
  let loaded: unknown;
  try {
    if (absolute.endsWith('.json')) loaded = JSON.parse(await readFile(absolute, 'utf8'));
    else {
      const module = (await import(pathToFileURL(absolute).href)) as { models?: unknown; default?: unknown };
      loaded = module.models ?? module.default;
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot load models file ${file}: ${(error as Error).message}`, { step: 'load', cause: error, hint: HINT });
  }
  if (loaded === undefined || loaded === null || typeof loaded !== 'object') {
    throw invalidInput(`models file ${file}`, 'a model or an array of models (a module: its `models` or default export)', loaded, { step: 'load', hint: HINT });
  }
  return { file, models: Array.isArray(loaded) ? loaded : [loaded] };
}

/**
 * The run's catalog from sources already read (model files, a scenario module's `models`):
 * resolved and validated; all problems at once, as one UsageError.
 */
export function buildCatalog(sources: readonly ModelSource[], builtins: readonly HardwareModel[] = hardwareCatalog): ResolvedModel[] {
  if (sources.length === 0) return [...builtins];
  const { models, problems } = resolveModelSources(sources, builtins);
  if (problems.length > 0) {
    throw new UsageError(`Invalid hardware model${problems.length > 1 ? 's' : ''}:\n  - ${formatModelProblems(problems).join('\n  - ')}`, {
      step: 'load', hint: 'See `clonelab machines list` for the built-in models, and README "Your own hardware models".',
    });
  }
  return models;
}
