import { isDeepStrictEqual } from 'node:util';
import { suggestNames } from '../devices/registry.js';
import { formatSchemaIssues } from '../validate/format-issues.js';
import type { ModelProblem } from '../validate/problems.js';
import { validateModel } from '../validate/validate-model.js';
import { hardwareCatalog } from './models.js';
import { hardwareModelSchema, modelInputSchema } from './schema.js';
import type { HardwareModel, ModelInput, ResolvedModel } from './types.js';

/** The models one file holds, as loaded (not yet validated). */
export interface ModelSource {
  /** The file, as the user named it: problems and `machines list` show it. */
  file: string;
  models: readonly unknown[];
}

/** A run's catalog: the built-in models, then the user's, and every problem found on the way. */
export interface ResolvedCatalog {
  models: ResolvedModel[];
  /** Empty when every user model is valid. */
  problems: ModelProblem[];
}

const BUILTIN_SOURCE = 'machines/catalog/models.ts';

interface Entry {
  input: ModelInput;
  file: string;
}

/**
 * Resolves the user's model files against the built-in catalog: each model's shape (the strict
 * schema; an unknown key names the nearest), its `extends` chain (built-in or user models, in
 * any order; a cycle or an unknown parent is a problem), the merge (see `modelInputSchema`),
 * the whole model's schema and `validateModel`. A user model named like a built-in one, or two
 * different user models of one name, is a problem naming both. The same model given twice (a
 * file named by `--models` and re-exported by a scenario file) counts once. Pure.
 * @example resolveModelSources([{ file: 'fleet.json', models: [{ name: 'desk-b', extends: 'desktop-e1000', nics: [{ device: 'rtl8139', slot: 3 }] }] }])
 */
export function resolveModelSources(sources: readonly ModelSource[], builtins: readonly HardwareModel[] = hardwareCatalog): ResolvedCatalog {
  const problems: ModelProblem[] = [];
  const entries = new Map<string, Entry>();
  const builtinNames = new Set(builtins.map((model) => model.name));
  for (const source of sources) {
    source.models.forEach((raw, index) => {
      const label = typeof (raw as { name?: unknown } | null)?.name === 'string' ? (raw as { name: string }).name : `#${index + 1}`;
      const parsed = modelInputSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) {
        for (const issue of formatSchemaIssues(modelInputSchema, parsed.error.issues)) problems.push({ model: label, source: source.file, ...issue });
        return;
      }
      const input = parsed.data;
      if (builtinNames.has(input.name)) {
        problems.push({
          model: input.name, source: source.file, field: 'name',
          message: `"${input.name}" in ${source.file} shadows the built-in model "${input.name}" (${BUILTIN_SOURCE}): give yours another name (it may \`extends: '${input.name}'\`)`,
        });
        return;
      }
      const earlier = entries.get(input.name);
      if (earlier && !isDeepStrictEqual(earlier.input, input)) {
        problems.push({ model: input.name, source: source.file, field: 'name', message: `Two different models are named "${input.name}": in ${earlier.file} and in ${source.file}` });
        return;
      }
      if (!earlier) entries.set(input.name, { input, file: source.file });
    });
  }
  const resolved = new Map<string, ResolvedModel | undefined>();
  const resolve = (name: string, chain: readonly string[]): ResolvedModel | undefined => {
    const builtin = builtins.find((model) => model.name === name);
    if (builtin) return builtin;
    if (resolved.has(name)) return resolved.get(name);
    const entry = entries.get(name) as Entry;
    const report = (field: string, message: string): void => { problems.push({ model: name, source: entry.file, field, message }); };
    let parent: ResolvedModel | undefined;
    const parentName = entry.input.extends;
    if (parentName !== undefined) {
      if (chain.includes(parentName)) {
        report('extends', `A cycle of extends: ${[...chain.slice(chain.indexOf(parentName)), name, parentName].join(' → ')}; expected a chain that ends on a whole model`);
        resolved.set(name, undefined);
        return undefined;
      }
      if (!builtinNames.has(parentName) && !entries.has(parentName)) {
        const nearest = suggestNames(parentName, [...builtinNames, ...entries.keys()]);
        report('extends', `expected a built-in or user model${nearest.length ? ` (did you mean ${nearest.join(', ')}?)` : ''}, got "${parentName}"`);
        resolved.set(name, undefined);
        return undefined;
      }
      parent = resolve(parentName, [...chain, name]);
      if (!parent) {
        if (!resolved.has(name)) report('extends', `"${parentName}" is not a valid model (see its problems), so "${name}" cannot extend it`);
        resolved.set(name, undefined);
        return undefined;
      }
    }
    const model = mergeModel(parent, entry.input, report);
    if (model) {
      const found = validateModel(model);
      for (const problem of found) problems.push({ ...problem, source: entry.file });
      const result = found.length > 0 ? undefined : { ...model, source: entry.file, ...(parentName === undefined ? {} : { extends: parentName }) };
      resolved.set(name, result);
      return result;
    }
    resolved.set(name, undefined);
    return undefined;
  };
  const users = [...entries.keys()].map((name) => resolve(name, [])).filter((model): model is ResolvedModel => model !== undefined);
  return { models: [...builtins, ...users], problems };
}

/**
 * Applies a model as written onto its parent (RFC 7386, JSON Merge Patch): scalars and arrays
 * replace, `video` and `storage` merge field by field, `null` removes an inherited field. Then
 * the whole model's schema: a field neither given nor inherited is a problem.
 */
function mergeModel(parent: ResolvedModel | undefined, input: ModelInput, report: (field: string, message: string) => void): HardwareModel | undefined {
  const { extends: _parent, ...own } = input;
  const base: Record<string, unknown> = parent ? stripMeta(parent) : {};
  const merged: Record<string, unknown> = { ...base, ...own };
  for (const key of ['video', 'storage'] as const) {
    if (own[key] === undefined) continue;
    const object: Record<string, unknown> = { ...(base[key] as object | undefined), ...own[key] };
    for (const [field, value] of Object.entries(object)) if (value === null) delete object[field];
    merged[key] = object;
  }
  if (parent && own.purpose === undefined) {
    const changed = Object.keys(own).filter((key) => key !== 'name');
    merged.purpose = `${parent.name}${changed.length > 0 ? ` with other ${changed.join(', ')}` : ''}`;
  }
  const parsed = hardwareModelSchema.safeParse(merged, { reportInput: true });
  if (parsed.success) return parsed.data;
  for (const issue of formatSchemaIssues(hardwareModelSchema, parsed.error.issues)) {
    report(issue.field, issue.message.endsWith('got nothing') ? `${issue.message} (give it${parent ? '' : ', or `extends` a model that has it'})` : issue.message);
  }
  return undefined;
}

function stripMeta(model: ResolvedModel): Record<string, unknown> {
  const { source: _source, extends: _extends, ...rest } = model;
  return rest;
}
