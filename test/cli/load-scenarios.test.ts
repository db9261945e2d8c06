import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { loadBuiltinScenarios, loadScenarioFile, resolveRun, resolveScenarios } from '../../cli/load-scenarios.js';
import { scenarioInput } from '../fixtures/planned-scenario.js';

const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-scenarios-'));
test.after.always(() => rmSync(folder, { recursive: true, force: true }));

test('no argument: the whole built-in library', async (t) => {
  const all = await resolveScenarios([]);
  t.deepEqual(all.map((scenario) => scenario.name), (await loadBuiltinScenarios()).map((scenario) => scenario.name));
});

test('a built-in name selects that scenario', async (t) => {
  t.deepEqual((await resolveScenarios(['nic-moved-slot'])).map((scenario) => scenario.name), ['nic-moved-slot']);
});

test('an unknown name suggests the nearest built-in names', async (t) => {
  await t.throwsAsync(resolveScenarios(['nic-moved-slt']), { message: /Invalid scenario: expected a built-in scenario name or a scenario file path, got "nic-moved-slt"/ });
  const error = await t.throwsAsync(resolveScenarios(['nic-moved-slt']));
  t.regex((error as { hint?: string }).hint ?? '', /nic-moved-slot/);
});

test('a user JSON file with several scenarios is loaded and validated', async (t) => {
  const file = path.join(folder, 'mine.json');
  writeFileSync(file, JSON.stringify([scenarioInput({ name: 'mine-1' }), scenarioInput({ name: 'mine-2' })]));
  t.deepEqual((await loadScenarioFile(file)).map((scenario) => scenario.name), ['mine-1', 'mine-2']);
});

test('a user module exporting a scenario is loaded', async (t) => {
  const file = path.join(folder, 'mine.mjs');
  writeFileSync(file, `export default ${JSON.stringify(scenarioInput({ name: 'from-module' }))};`);
  t.deepEqual((await resolveScenarios([file])).map((scenario) => scenario.name), ['from-module']);
});

test('a bad user scenario is refused with the field named', async (t) => {
  const file = path.join(folder, 'bad.json');
  writeFileSync(file, JSON.stringify({ ...scenarioInput({ name: 'bad' }), clonesPerTarget: 0 }));
  await t.throwsAsync(loadScenarioFile(file), { message: /Invalid scenario "bad":[\s\S]*clonesPerTarget/ });
});

test('an unreadable or broken scenario file says so', async (t) => {
  const file = path.join(folder, 'broken.json');
  writeFileSync(file, '{ not json');
  await t.throwsAsync(loadScenarioFile(file), { message: /Cannot load scenario file .*broken\.json/ });
});

test('a scenario module may export models beside its scenarios; its targets name them', async (t) => {
  const file = path.join(folder, 'fleet.mjs');
  const model = { name: 'desk-two-nics', extends: 'desktop-e1000', nics: [{ device: 'e1000', slot: 2 }, { device: 'e1000', slot: 3 }] };
  writeFileSync(file, `export const models = [${JSON.stringify(model)}];\nexport default ${JSON.stringify(scenarioInput({ name: 'on-mine', targets: [{ machine: 'desk-two-nics' }] }))};`);
  const run = await resolveRun([file]);
  t.deepEqual(run.scenarios.map((scenario) => scenario.name), ['on-mine']);
  t.like(run.catalog.at(-1), { name: 'desk-two-nics', source: file, extends: 'desktop-e1000' });
});

test('a scenario file\'s targets may name the models of a --models file; without it the name is refused', async (t) => {
  const models = path.join(folder, 'models.json');
  writeFileSync(models, JSON.stringify([{ name: 'desk-moved', extends: 'desktop-e1000', nics: [{ device: 'e1000', slot: 3 }] }]));
  const file = path.join(folder, 'uses-models.json');
  writeFileSync(file, JSON.stringify(scenarioInput({ name: 'on-moved', targets: [{ machine: 'desk-moved' }] })));
  t.deepEqual((await resolveScenarios([file], [models])).map((scenario) => scenario.name), ['on-moved']);
  await t.throwsAsync(resolveScenarios([file]), { message: /targets\[0\]\.machine: expected a catalog hardware model.*got "desk-moved"/ });
});
