import { invalidInput } from '../errors/errors.js';
import type { Plan, PlannedScenario } from './types.js';

/** Parses `--shard i/n` (1-based). */
export function parseShard(text: string): { index: number; total: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) throw invalidInput('--shard', '"i/n" with 1 ≤ i ≤ n, e.g. 2/8', text);
  return { index, total };
}

/**
 * Keeps a deterministic share of the plan. A scenario is never split (its fleet checks need all
 * its clones); scenarios go, heaviest first, to the shard with the fewest clones so far.
 */
export function filterForShard(plan: Plan, shard: { index: number; total: number }): Plan {
  const loads = Array.from({ length: shard.total }, () => 0);
  const assigned: PlannedScenario[][] = Array.from({ length: shard.total }, () => []);
  const ordered = [...plan.scenarios].sort((a, b) => b.clones.length - a.clones.length || a.scenario.name.localeCompare(b.scenario.name));
  for (const entry of ordered) {
    const lightest = loads.indexOf(Math.min(...loads));
    loads[lightest] = (loads[lightest] ?? 0) + entry.clones.length + 1;
    assigned[lightest]?.push(entry);
  }
  const mine = new Set(assigned[shard.index - 1]);
  return { ...plan, scenarios: plan.scenarios.filter((entry) => mine.has(entry)), shard };
}
