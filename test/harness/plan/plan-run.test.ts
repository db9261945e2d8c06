import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { expectedModelFailures } from '../../../harness/plan/expected-model-failures.js';
import { filterForShard, parseShard } from '../../../harness/plan/filter-for-shard.js';
import { masterKeyOf, planRun } from '../../../harness/plan/plan-run.js';
import { validateScenario } from '../../../harness/spec/validate-scenario.js';
import { scenarioInput } from '../../fixtures/planned-scenario.js';

const model = (name: string): HardwareModel => hardwareCatalog.find((entry) => entry.name === name) as HardwareModel;
const scenarios = [
  validateScenario(scenarioInput({ name: 'a', clonesPerTarget: 2 })),
  validateScenario(scenarioInput({ name: 'b', targets: 'all-models', generalize: { massStorage: true } })),
  validateScenario(scenarioInput({ name: 'c', master: { machine: 'desktop-lsi' } })),
];

test('clones: one per target and index, with stable ids', (t) => {
  const plan = planRun(scenarios);
  t.deepEqual(plan.scenarios[0]?.clones.map((clone) => clone.id), [
    'a/desktop-e1000#1', 'a/desktop-e1000#2', 'a/desktop-cirrus#1', 'a/desktop-cirrus#2',
  ]);
  t.is(plan.scenarios[1]?.clones.length, hardwareCatalog.length);
});

test('the plan is pure: same input, same plan and plan id', (t) => {
  t.deepEqual(planRun(scenarios), planRun(scenarios));
  t.not(planRun(scenarios).planId, planRun(scenarios.slice(0, 2)).planId);
});

test('masters with the same guest, model, geometry and options share a key', (t) => {
  const [a, b, c] = planRun(scenarios).scenarios;
  t.is(a?.masterKey, b?.masterKey);
  t.not(a?.masterKey, c?.masterKey);
  const ntfs = planRun([validateScenario(scenarioInput({ name: 'd', master: { machine: 'desktop-e1000', geometry: { size: '256M', filesystem: 'ntfs' } } }))]);
  t.not(ntfs.scenarios[0]?.masterKey, a?.masterKey);
});

test('every-model targets expect the organic incompatibilities of their model', (t) => {
  const clones = planRun(scenarios).scenarios[1]?.clones ?? [];
  const expectations = Object.fromEntries(clones.filter((clone) => clone.expect).map((clone) => [clone.machine, clone.expect]));
  t.deepEqual(expectations, {
    'desktop-rtl8139-oldrev': { reproduces: ['problem-10'] },
    'server-mptsas': { reproduces: ['stop-0x7b'] },
    'esx-pvscsi': { reproduces: ['problem-10'] },
  });
  t.deepEqual(expectedModelFailures(model('desktop-e1000')), []);
});

test('--machines narrows the targets and drops scenarios left without one', (t) => {
  const plan = planRun(scenarios, hardwareCatalog, { machines: ['desktop-ahci'] });
  t.deepEqual(plan.scenarios.map((entry) => entry.scenario.name), ['b']);
  t.deepEqual(plan.scenarios[0]?.clones.map((clone) => clone.machine), ['desktop-ahci']);
});

test('shards: deterministic, disjoint, and together the whole plan', (t) => {
  const plan = planRun(scenarios);
  const shards = [1, 2].map((index) => filterForShard(plan, { index, total: 2 }));
  t.deepEqual(filterForShard(plan, { index: 1, total: 2 }), shards[0]);
  const names = shards.flatMap((shard) => shard.scenarios.map((entry) => entry.scenario.name));
  t.deepEqual([...names].sort(), ['a', 'b', 'c']);
  t.is(new Set(names).size, 3);
  t.true(shards.every((shard) => shard.planId === plan.planId && shard.shard?.total === 2));
});

test('--shard is parsed and checked', (t) => {
  t.deepEqual(parseShard('2/8'), { index: 2, total: 8 });
  for (const bad of ['0/2', '3/2', '1-2', '', 'a/b']) t.throws(() => parseShard(bad), { message: /Invalid --shard: expected "i\/n"/ });
});

test('masterKeyOf: the user\'s image path and the guest make different masters; the same image the same master', (t) => {
  // No catalog: the image files need not exist for the key.
  const withImage = (name: string, image: string) => validateScenario(scenarioInput({ name, master: { image, machine: 'desktop-e1000' } }), null);
  const a = masterKeyOf(withImage('a', '/images/one.qcow2'));
  t.is(a, masterKeyOf(withImage('b', '/images/one.qcow2')));
  t.not(a, masterKeyOf(withImage('c', '/images/two.qcow2')));
  t.regex(a, /^desktop-e1000-[0-9a-f]{10}$/);
  const reference = masterKeyOf(validateScenario(scenarioInput({ name: 'r', master: { machine: 'desktop-e1000' } })));
  const debian = masterKeyOf(validateScenario(scenarioInput({ name: 'd', master: { guest: 'debian', machine: 'desktop-e1000' } })));
  t.not(reference, debian);
  t.not(reference, a);
});
