import { invalidInput } from '../harness/errors/errors.js';
import type { Scenario } from '../harness/spec/schema.js';
import { guestProfileNames } from '../harness/profiles/types.js';

/** The values `--guest` takes: a guest profile, or `all`. */
export const GUEST_CHOICES = [...guestProfileNames, 'all'] as const;

/**
 * Which built-in scenarios a run with no scenario arguments takes: those of `--guest` (`all`: every
 * one); without it, every one when `--tag` selects, else the reference guest's library (what
 * `npm start` runs: a Debian scenario boots ~10× slower, so it is asked for by name or tag).
 */
export function selectLibrary(builtin: readonly Scenario[], guest: string | undefined, tags: readonly string[]): Scenario[] {
  if (guest !== undefined && !(GUEST_CHOICES as readonly string[]).includes(guest)) throw invalidInput('--guest', GUEST_CHOICES.map((choice) => `"${choice}"`).join(', '), guest);
  if (guest === 'all' || (guest === undefined && tags.length > 0)) return [...builtin];
  return builtin.filter((scenario) => scenario.master.guest === (guest ?? 'reference'));
}
