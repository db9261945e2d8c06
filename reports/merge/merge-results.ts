import { UsageError } from '../../harness/errors/errors.js';
import { summarizeRepeats } from '../../harness/results/summarize-repeats.js';
import type { RunResult } from '../../harness/results/types.js';

/** A shard's result and where it came from (for error messages). */
export interface ShardInput {
  source: string;
  result: RunResult;
}

/** The merged run, and the shards of the plan nobody passed. */
export interface MergedRun {
  result: RunResult;
  missingShards: number[];
}

/**
 * Joins the results of `--shard i/n` runs of one plan (possibly from different runners) into one
 * run. Refuses results of different plans, shards cut differently, the same shard twice, or a
 * scenario present in two shards.
 */
export function mergeResults(shards: readonly ShardInput[]): MergedRun {
  const first = shards[0];
  if (!first) throw new UsageError('merge needs at least one results file.', { hint: 'clonelab merge shard-1/results.json shard-2/results.json --out merged' });
  const otherPlan = shards.find((shard) => shard.result.planId !== first.result.planId);
  if (otherPlan) {
    throw new UsageError(`Cannot merge results of different plans: ${first.source} is plan ${first.result.planId}, ${otherPlan.source} is plan ${otherPlan.result.planId}.`, {
      hint: 'merge the shards of one `clonelab run --shard i/n` invocation (same scenarios, same --machines)',
    });
  }
  const totals = new Set(shards.map((shard) => shard.result.shard?.total ?? 1));
  if (totals.size > 1) throw new UsageError(`Cannot merge shards cut differently: ${shards.map((shard) => `${shard.source} is ${describeShard(shard.result)}`).join(', ')}.`);
  const seenIndex = new Map<number, string>();
  const seenScenario = new Map<string, string>();
  for (const shard of shards) {
    const index = shard.result.shard?.index ?? 1;
    const earlier = seenIndex.get(index);
    if (earlier !== undefined) throw new UsageError(`Overlapping shards: ${earlier} and ${shard.source} are both ${describeShard(shard.result)}.`);
    seenIndex.set(index, shard.source);
    for (const scenario of shard.result.scenarios) {
      const owner = seenScenario.get(scenario.name);
      if (owner !== undefined) throw new UsageError(`Overlapping shards: scenario ${scenario.name} is in both ${owner} and ${shard.source}.`);
      seenScenario.set(scenario.name, shard.source);
    }
  }
  const total = [...totals][0] ?? 1;
  const results = shards.map((shard) => shard.result);
  const result: RunResult = {
    schemaVersion: first.result.schemaVersion,
    planId: first.result.planId,
    startedAt: results.map((entry) => entry.startedAt).sort()[0]!,
    finishedAt: results.map((entry) => entry.finishedAt).sort().at(-1)!,
    interrupted: results.some((entry) => entry.interrupted),
    // One shard's CPU breakdown is not the merged run's: it is left out (each shard's file keeps its own).
    host: { ...withoutCpu(first.result.host), jobs: results.reduce((sum, entry) => sum + entry.host.jobs, 0) },
    // Shards of one plan share one catalog; a model only a later shard knows comes after the first shard's.
    machines: [...new Map(results.flatMap((entry) => entry.machines).map((machine) => [machine.name, machine] as const)).values()],
    // Plan order is not recorded; name order makes the merge independent of the shards' order.
    scenarios: results.flatMap((entry) => entry.scenarios).sort((a, b) => a.name.localeCompare(b.name)),
  };
  // Repeats of one scenario may have run on several shards: their rates are over all of them.
  if (result.scenarios.some((scenario) => scenario.repeat)) result.repeats = summarizeRepeats(result.scenarios);
  const missingShards = Array.from({ length: total }, (_, index) => index + 1).filter((index) => !seenIndex.has(index));
  return { result, missingShards };
}

function describeShard(result: RunResult): string {
  return result.shard ? `shard ${result.shard.index}/${result.shard.total}` : 'an unsharded run';
}

function withoutCpu<T extends { cpu?: unknown }>(host: T): Omit<T, 'cpu'> {
  const { cpu: _cpu, ...rest } = host;
  return rest;
}
