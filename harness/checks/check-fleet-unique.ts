import type { FailureName } from '../spec/failure-names.js';
import type { CheckResult, CloneFacts } from './types.js';

/** One identity value per clone (or several: account SIDs, MACs); absent values may be given as they came. */
export type IdentityPicker<T extends { cloneId: string } = CloneFacts> = (clone: T) => readonly (string | null | undefined)[];

// Words a report may carry in place of a value it does not have. Compared after trimming, in any case.
const PLACEHOLDERS = new Set(['', 'unknown', 'none', 'null', 'undefined', 'n/a', 'na', '-', '?']);

/**
 * A reported identity value, or undefined when the report did not really give one: missing,
 * empty, only whitespace, or a placeholder word ("unknown", "none", "n/a", …). Such a value is
 * "not reporting", never a value two clones can share. The one place every uniqueness check asks.
 * @example reportedValue(' 52:54:00:12:34:56 ') // '52:54:00:12:34:56'; reportedValue('') // undefined
 */
export function reportedValue(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || PLACEHOLDERS.has(trimmed.toLowerCase())) return undefined;
  return trimmed;
}

/**
 * Checks that an identity value is unique across the fleet. Values are compared without regard
 * to case (SIDs, MACs, serials in hex and computer names are all case-insensitive). Values that
 * were not reported (see `reportedValue`) are left out: a clone with none is named in
 * `notReporting`, and what each clone gave instead of a value is kept in `unreported`.
 * A fleet is booted clones (CloneFacts) or anything else with an id: inspected images too.
 */
export function checkFleetUnique<T extends { cloneId: string } = CloneFacts>(id: string, what: string, failure: FailureName, source: string, fleet: readonly T[], pick: IdentityPicker<T>): CheckResult {
  const values = new Map<T, string[]>();
  const unreported: Record<string, (string | null)[]> = {};
  for (const clone of fleet) {
    const raw = pick(clone);
    const reported = raw.flatMap((value) => reportedValue(value) ?? []);
    const missing = raw.filter((value) => reportedValue(value) === undefined);
    if (missing.length > 0) unreported[clone.cloneId] = missing.map((value) => value ?? null);
    if (reported.length > 0) values.set(clone, reported);
  }
  const owners = new Map<string, { value: string; clones: string[] }>();
  for (const [clone, reported] of values) {
    for (const value of reported) {
      const key = value.toLowerCase();
      const owner = owners.get(key) ?? { value, clones: [] };
      owner.clones.push(clone.cloneId);
      owners.set(key, owner);
    }
  }
  const duplicates = [...owners.values()].filter((owner) => owner.clones.length > 1);
  const notReporting = fleet.filter((clone) => !values.has(clone)).map((clone) => clone.cloneId);
  const evidence = {
    source,
    values: Object.fromEntries([...values].map(([clone, reported]) => [clone.cloneId, reported])),
    duplicates,
    notReporting,
    unreported,
  };
  // A clone with two NICs may report one MAC and not the other: named too.
  const silentClones = [...new Set([...notReporting, ...Object.keys(unreported)])];
  const silent = silentClones.length > 0 ? `; not reported by ${silentClones.length} clone(s): ${silentClones.join(', ')}` : '';
  if (values.size < 2) return { id, scope: 'fleet', status: 'skip', failures: [], summary: `fewer than two clones reported ${what}${silent}`, evidence };
  if (duplicates.length === 0) return { id, scope: 'fleet', status: 'pass', failures: [], summary: `${owners.size} distinct ${what} across ${values.size} clones${silent}`, evidence };
  const first = duplicates[0] as { value: string; clones: string[] };
  return {
    id, scope: 'fleet', status: 'fail', failures: [failure], evidence,
    summary: `${duplicates.length} duplicated ${what}: ${first.value} on ${first.clones.join(', ')}${duplicates.length > 1 ? ', …' : ''}${silent}`,
  };
}
