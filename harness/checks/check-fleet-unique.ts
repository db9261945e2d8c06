import type { FailureName } from '../scenario/failure-names.js';
import type { CheckResult, CloneFacts } from './types.js';

/** One identity value per clone (or several: account SIDs, MACs). */
export type IdentityPicker = (clone: CloneFacts) => string[];

/**
 * Checks that an identity value is unique across the fleet. Clones without the value (STOP,
 * no report) are left out and named in the evidence.
 */
export function checkFleetUnique(id: string, what: string, failure: FailureName, source: string, fleet: readonly CloneFacts[], pick: IdentityPicker): CheckResult {
  const owners = new Map<string, string[]>();
  const reporting = fleet.filter((clone) => pick(clone).length > 0);
  for (const clone of reporting) {
    for (const value of pick(clone)) owners.set(value, [...(owners.get(value) ?? []), clone.cloneId]);
  }
  const duplicates = [...owners].filter(([, clones]) => clones.length > 1).map(([value, clones]) => ({ value, clones }));
  const evidence = {
    source,
    values: Object.fromEntries(reporting.map((clone) => [clone.cloneId, pick(clone)])),
    duplicates,
    notReporting: fleet.filter((clone) => !reporting.includes(clone)).map((clone) => clone.cloneId),
  };
  if (reporting.length < 2) return { id, scope: 'fleet', status: 'skip', failures: [], summary: `fewer than two clones reported ${what}`, evidence };
  if (duplicates.length === 0) return { id, scope: 'fleet', status: 'pass', failures: [], summary: `${owners.size} distinct ${what} across ${reporting.length} clones`, evidence };
  const first = duplicates[0] as { value: string; clones: string[] };
  return {
    id, scope: 'fleet', status: 'fail', failures: [failure], evidence,
    summary: `${duplicates.length} duplicated ${what}: ${first.value} on ${first.clones.join(', ')}${duplicates.length > 1 ? ', …' : ''}`,
  };
}
