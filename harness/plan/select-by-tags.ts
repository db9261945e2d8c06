import { suggestNames } from '../../machines/devices/registry.js';
import { invalidInput } from '../errors/errors.js';
import type { Scenario } from '../spec/schema.js';

/**
 * Keeps the scenarios that carry at least one of `tags` (all of them when `tags` is empty). A tag
 * no scenario carries is refused, naming the tags there are: a typo must not select nothing.
 * @example selectByTags(library, ['storage', 'nic']) // the storage and the NIC scenarios
 */
export function selectByTags<T extends Pick<Scenario, 'name' | 'tags'>>(scenarios: readonly T[], tags: readonly string[]): T[] {
  if (tags.length === 0) return [...scenarios];
  const known = [...new Set(scenarios.flatMap((scenario) => scenario.tags))].sort();
  for (const tag of tags) {
    if (known.includes(tag)) continue;
    const nearest = suggestNames(tag, known);
    throw invalidInput('--tag', `a tag of the chosen scenarios (${known.join(', ') || 'none has a tag'})`, tag, {
      step: 'select', ...(nearest.length > 0 ? { hint: `Did you mean ${nearest.join(', ')}?` } : {}),
    });
  }
  return scenarios.filter((scenario) => scenario.tags.some((tag) => tags.includes(tag)));
}

/** Splits `--tag` values (repeatable, comma-separated) into tags. */
export function parseTags(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(',')).map((tag) => tag.trim()).filter((tag) => tag.length > 0);
}
