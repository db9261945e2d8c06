import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { suggestNames } from '../machines/devices/registry.js';
import { invalidInput, UsageError } from '../harness/errors/errors.js';
import type { Scenario } from '../harness/spec/schema.js';
import { validateScenario } from '../harness/spec/validate-scenario.js';
import library from '../scenarios/library/index.js';

/** Loads the scenarios of a module (`export default` one scenario or an array) or a JSON file, validating each. */
export async function loadScenarioFile(file: string): Promise<Scenario[]> {
  const absolute = path.resolve(file);
  let loaded: unknown;
  try {
    loaded = absolute.endsWith('.json')
      ? JSON.parse(await readFile(absolute, 'utf8'))
      : ((await import(pathToFileURL(absolute).href)) as { default?: unknown }).default;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot load scenario file ${file}: ${(error as Error).message}`, { step: 'load', cause: error, hint: 'A scenario file is a .js/.mjs module whose default export is a scenario (or an array), or a .json file.' });
  }
  if (loaded === undefined) throw invalidInput(`scenario file ${file}`, 'a default export (a scenario or an array of scenarios)', loaded);
  return (Array.isArray(loaded) ? loaded : [loaded]).map((entry) => validateScenario(entry));
}

/** The built-in scenario library, validated as a user's scenario file is. */
export async function loadBuiltinScenarios(): Promise<Scenario[]> {
  return library.map((entry) => validateScenario(entry));
}

/**
 * Resolves the `clonelab run` arguments: none = the whole built-in library; a name = a built-in
 * scenario; a path = a user's scenario file. Unknown names suggest the nearest.
 */
export async function resolveScenarios(args: readonly string[]): Promise<Scenario[]> {
  const builtin = await loadBuiltinScenarios();
  if (args.length === 0) return builtin;
  const chosen: Scenario[] = [];
  for (const arg of args) {
    const named = builtin.find((scenario) => scenario.name === arg);
    if (named) chosen.push(named);
    else if (existsSync(arg)) chosen.push(...(await loadScenarioFile(arg)));
    else {
      const nearest = suggestNames(arg, builtin.map((scenario) => scenario.name));
      throw invalidInput('scenario', 'a built-in scenario name or a scenario file path', arg, {
        hint: nearest.length ? `Did you mean ${nearest.join(', ')}? (clonelab scenarios list)` : 'See clonelab scenarios list.',
      });
    }
  }
  const names = chosen.map((scenario) => scenario.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw invalidInput('scenario list', 'each scenario once', duplicate);
  return chosen;
}
