import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResolvedModel } from '../machines/catalog/types.js';
import { suggestNames } from '../machines/devices/registry.js';
import { resolveModels, type ModelSource } from '../harness/hardware/load-models.js';
import { invalidInput, UsageError } from '../harness/errors/errors.js';
import type { Scenario } from '../harness/spec/schema.js';
import { validateScenario } from '../harness/spec/validate-scenario.js';
import library from '../scenarios/library/index.js';

/** A scenario file as read: its scenarios not yet validated, and the models it exports beside them. */
export interface ScenarioFile {
  file: string;
  scenarios: unknown[];
  /** The module's `models` export (absent in JSON files and modules without one). */
  models?: ModelSource;
}

/** Reads a scenario file: a module (`export default` one scenario or an array, and optionally `export const models`) or a JSON file. */
export async function readScenarioFile(file: string): Promise<ScenarioFile> {
  const absolute = path.resolve(file);
  let loaded: unknown;
  let models: unknown;
  try {
    if (absolute.endsWith('.json')) loaded = JSON.parse(await readFile(absolute, 'utf8'));
    else ({ default: loaded, models } = (await import(pathToFileURL(absolute).href)) as { default?: unknown; models?: unknown });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot load scenario file ${file}: ${(error as Error).message}`, { step: 'load', cause: error, hint: 'A scenario file is a .js/.mjs module whose default export is a scenario (or an array), or a .json file.' });
  }
  if (loaded === undefined) throw invalidInput(`scenario file ${file}`, 'a default export (a scenario or an array of scenarios)', loaded);
  if (models !== undefined && (models === null || typeof models !== 'object')) throw invalidInput(`\`models\` export of scenario file ${file}`, 'a model or an array of models', models);
  return {
    file, scenarios: Array.isArray(loaded) ? loaded : [loaded],
    ...(models === undefined ? {} : { models: { file, models: Array.isArray(models) ? models : [models] } }),
  };
}

/** Loads the scenarios of a scenario file, validating each against the built-in models and those the file exports. */
export async function loadScenarioFile(file: string, modelFiles: readonly string[] = []): Promise<Scenario[]> {
  return (await resolveRun([file], modelFiles)).scenarios;
}

/** The built-in scenario library, validated as a user's scenario file is. */
export async function loadBuiltinScenarios(): Promise<Scenario[]> {
  return library.map((entry) => validateScenario(entry));
}

/**
 * Resolves the `clonelab run` arguments: none = the whole built-in library; a name = a built-in
 * scenario; a path = a user's scenario file. Unknown names suggest the nearest.
 */
export async function resolveScenarios(args: readonly string[], modelFiles: readonly string[] = []): Promise<Scenario[]> {
  return (await resolveRun(args, modelFiles)).scenarios;
}

/** The scenarios a run's arguments name, and the run's catalog: the built-in models, `--models` files and the scenario files' `models`. */
export interface ResolvedRun {
  scenarios: Scenario[];
  catalog: ResolvedModel[];
}

/**
 * Resolves the `clonelab run` arguments and `--models` files together: the catalog first (so
 * a scenario file's targets may name its own models, or those of any models file), then every
 * scenario validated against it. Every problem is a UsageError, before any VM starts.
 */
export async function resolveRun(args: readonly string[], modelFiles: readonly string[] = []): Promise<ResolvedRun> {
  const builtin = await loadBuiltinScenarios();
  const chosen: (Scenario | ScenarioFile)[] = [];
  for (const arg of args) {
    const named = builtin.find((scenario) => scenario.name === arg);
    if (named) chosen.push(named);
    else if (existsSync(arg)) chosen.push(await readScenarioFile(arg));
    else {
      const nearest = suggestNames(arg, builtin.map((scenario) => scenario.name));
      throw invalidInput('scenario', 'a built-in scenario name or a scenario file path', arg, {
        hint: nearest.length ? `Did you mean ${nearest.join(', ')}? (clonelab scenarios list)` : 'See clonelab scenarios list.',
      });
    }
  }
  const files = chosen.filter((entry): entry is ScenarioFile => 'file' in entry);
  const catalog = await resolveModels(modelFiles, files.flatMap((entry) => (entry.models ? [entry.models] : [])));
  const scenarios = args.length === 0 ? builtin : chosen.flatMap((entry) => ('file' in entry ? entry.scenarios.map((raw) => validateScenario(raw, catalog)) : [entry]));
  const names = scenarios.map((scenario) => scenario.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw invalidInput('scenario list', 'each scenario once', duplicate);
  return { scenarios, catalog };
}
