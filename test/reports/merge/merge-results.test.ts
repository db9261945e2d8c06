import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import { filterForShard } from '../../../harness/plan/filter-for-shard.js';
import { planRun } from '../../../harness/plan/plan-run.js';
import type { Plan } from '../../../harness/plan/types.js';
import type { RunResult } from '../../../harness/results/types.js';
import library from '../../../scenarios/library/index.js';
import { listCells } from '../../../reports/cells.js';
import { mergeResults } from '../../../reports/merge/merge-results.js';
import { synthesizeRun } from '../../fixtures/results/load-fixture.js';

// Outcomes of the unsharded run of the real built-in plan, synthesized per scenario.
const plan = planRun(library, hardwareCatalog, {});
const full = synthesizeRun({ scenarios: plan.scenarios.length, machines: ['desktop-e1000', 'desktop-cirrus'], clonesPerMachine: 1, planId: plan.planId,
  inject: [{ scenario: 'scenario-003', machines: ['desktop-cirrus'], failure: 'problem-10' }] });
full.scenarios.forEach((scenario, index) => {
  scenario.name = plan.scenarios[index]!.scenario.name;
});

function shardOf(cut: Plan, index: number, total: number): RunResult {
  const names = new Set(cut.scenarios.map((entry) => entry.scenario.name));
  return { ...full, shard: { index, total }, scenarios: full.scenarios.filter((scenario) => names.has(scenario.name)) };
}

function outcomes(result: RunResult): string[] {
  return listCells(result).map((cell) => `${cell.scenario.name}@${cell.machine}=${cell.outcome}`).sort();
}

test('a run in two shards merged equals the unsharded run’s outcomes', (t) => {
  const halves = [1, 2].map((index) => shardOf(filterForShard(plan, { index, total: 2 }), index, 2));
  t.true(halves.every((half) => half.scenarios.length > 0));
  const { result, missingShards } = mergeResults([{ source: 'b.json', result: halves[1]! }, { source: 'a.json', result: halves[0]! }]);
  t.deepEqual(missingShards, []);
  t.deepEqual(outcomes(result), outcomes(full));
  t.is(result.planId, plan.planId);
  t.is(result.shard, undefined);
  t.is(result.scenarios.length, full.scenarios.length);
});

test('the merged run records the shards\' catalog once, in order; a model only a later shard knows comes last', (t) => {
  const [first, second] = [1, 2].map((index) => shardOf(filterForShard(plan, { index, total: 2 }), index, 2));
  const extra = { ...full.machines[0]!, name: 'lab-only-model' };
  const { result } = mergeResults([{ source: 'a.json', result: first! }, { source: 'b.json', result: { ...second!, machines: [...second!.machines, extra] } }]);
  t.deepEqual(result.machines, [...full.machines, extra]);
});

test('refuses shards of different plans, the same shard twice, overlapping scenarios and different cuts', (t) => {
  const one = shardOf(filterForShard(plan, { index: 1, total: 2 }), 1, 2);
  const two = shardOf(filterForShard(plan, { index: 2, total: 2 }), 2, 2);
  t.throws(() => mergeResults([{ source: 'a.json', result: one }, { source: 'b.json', result: { ...two, planId: 'other' } }]),
    { message: /Cannot merge results of different plans: a\.json is plan [0-9a-f]+, b\.json is plan other/ });
  t.throws(() => mergeResults([{ source: 'a.json', result: one }, { source: 'c.json', result: one }]), { message: /Overlapping shards: a\.json and c\.json are both shard 1\/2/ });
  t.throws(() => mergeResults([{ source: 'a.json', result: one }, { source: 'd.json', result: { ...two, scenarios: [...two.scenarios, one.scenarios[0]!] } }]),
    { message: /Overlapping shards: scenario .+ is in both a\.json and d\.json/ });
  t.throws(() => mergeResults([{ source: 'a.json', result: one }, { source: 'e.json', result: { ...two, shard: { index: 2, total: 3 } } }]), { message: /shards cut differently/ });
  t.deepEqual(mergeResults([{ source: 'a.json', result: one }]).missingShards, [2]);
});
