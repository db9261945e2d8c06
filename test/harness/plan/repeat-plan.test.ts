import test from 'ava';
import { planRun } from '../../../harness/plan/plan-run.js';
import { repeatPlan } from '../../../harness/plan/repeat-plan.js';
import { filterForShard } from '../../../harness/plan/filter-for-shard.js';
import { validateScenario } from '../../../harness/spec/validate-scenario.js';
import { scenarioInput } from '../../fixtures/planned-scenario.js';

const plan = planRun([validateScenario(scenarioInput({ name: 'flaky' }))]);

test('each scenario runs N times as scenarios of their own, marked as repeats, with their own clone ids', (t) => {
  const repeated = repeatPlan(plan, 3, { freshMasters: true });
  t.deepEqual(repeated.scenarios.map((entry) => [entry.scenario.name, entry.repeat?.index, entry.repeat?.count, entry.repeat?.of]), [
    ['flaky~1', 1, 3, 'flaky'], ['flaky~2', 2, 3, 'flaky'], ['flaky~3', 3, 3, 'flaky'],
  ]);
  t.deepEqual(repeated.scenarios[1]?.clones.map((clone) => clone.id), ['flaky~2/desktop-e1000#1', 'flaky~2/desktop-cirrus#1']);
  t.not(repeated.planId, plan.planId);
});

test('fresh masters: one master per repeat; with the master cache: one master for all', (t) => {
  const keys = (fresh: boolean): number => new Set(repeatPlan(plan, 4, { freshMasters: fresh }).scenarios.map((entry) => entry.masterKey)).size;
  t.is(keys(true), 4);
  t.is(keys(false), 1);
});

test('once is the plan as it is; the repeats of a plan spread over shards that share its plan id', (t) => {
  t.is(repeatPlan(plan, 1, { freshMasters: true }), plan);
  const repeated = repeatPlan(plan, 4, { freshMasters: true });
  const shards = [1, 2].map((index) => filterForShard(repeated, { index, total: 2 }));
  t.deepEqual(shards.map((shard) => shard.scenarios.length), [2, 2]);
  t.true(shards.every((shard) => shard.planId === repeated.planId));
});
