import { hardwareCatalog } from './catalog/models.js';
import { resolveModelSources } from './catalog/resolve-models.js';
import { modelInputSchema } from './catalog/schema.js';
import type { ModelInput } from './catalog/types.js';
import { formatSchemaIssues } from './validate/format-issues.js';
import { InvalidModelError } from './validate/problems.js';

export type { HardwareModel, ModelInput, ResolvedModel } from './catalog/types.js';
export { InvalidModelError } from './validate/problems.js';

/**
 * Defines a hardware model in a user's file (a models file given with `--models FILE`, or a
 * scenario module that exports `models` beside its scenarios): checks it at once with the
 * built-in catalog's schema and rules, and returns it as written. A model that extends a
 * built-in one (or none) is checked whole here; one that extends a user model is checked for
 * its shape here and whole when its file is loaded, with the other models. Throws an
 * `InvalidModelError` naming each field, what was expected and what was given.
 * @example
 * export const models = [
 *   defineModel({ name: 'desk-b', extends: 'desktop-e1000', nics: [{ device: 'rtl8139', slot: 3 }] }),
 *   defineModel({
 *     name: 'desk-bridged', extends: 'desktop-e1000',
 *     bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }],
 *     nics: [{ device: 'e1000', bus: 'br1', slot: 3 }],
 *   }),
 * ];
 */
export function defineModel(input: ModelInput): ModelInput {
  const source = 'defineModel';
  const extendsUserModel = input.extends !== undefined && !hardwareCatalog.some((model) => model.name === input.extends);
  if (extendsUserModel) {
    const parsed = modelInputSchema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
      const name = typeof input.name === 'string' ? input.name : '?';
      throw new InvalidModelError(formatSchemaIssues(modelInputSchema, parsed.error.issues).map((issue) => ({ model: name, source, ...issue })));
    }
    return input;
  }
  const { problems } = resolveModelSources([{ file: source, models: [input] }]);
  if (problems.length > 0) throw new InvalidModelError(problems);
  return input;
}
