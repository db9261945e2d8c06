import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import { UsageError } from '../../../harness/errors/errors.js';
import { buildCatalog, readModelFile, resolveModels } from '../../../harness/hardware/load-models.js';
import { resolveModel } from '../../../harness/hardware/resolve-model.js';

const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-models-'));
test.after.always(() => rmSync(folder, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
};
const deskB = { name: 'desk-b', extends: 'desktop-e1000', nics: [{ device: 'rtl8139', slot: 3 }] };
const defineModelUrl = pathToFileURL(path.resolve('dist/machines/define-model.js')).href;

test('no files: the built-in catalog', async (t) => {
  t.deepEqual((await resolveModels([])).map((model) => model.name), hardwareCatalog.map((model) => model.name));
});

test('a JSON file (one model or an array), a module\'s default export, a module\'s models export', async (t) => {
  const json = write('one.json', JSON.stringify(deskB));
  const array = write('many.json', JSON.stringify([{ ...deskB, name: 'desk-c' }, { name: 'desk-d', extends: 'desk-c', cpus: 2 }]));
  const byDefault = write('default.mjs', `export default [${JSON.stringify({ ...deskB, name: 'desk-e' })}];`);
  const named = write('named.mjs', `import { defineModel } from ${JSON.stringify(defineModelUrl)};\nexport const models = [defineModel(${JSON.stringify({ ...deskB, name: 'desk-f' })})];\nexport default 'not models';`);
  const catalog = await resolveModels([json, array, byDefault, named]);
  t.deepEqual(catalog.slice(hardwareCatalog.length).map((model) => `${model.name} ${path.basename(model.source ?? '')}`), [
    'desk-b one.json', 'desk-c many.json', 'desk-d many.json', 'desk-e default.mjs', 'desk-f named.mjs',
  ]);
  t.like(resolveModel('desk-d', catalog), { cpus: 2, nics: [{ device: 'rtl8139', slot: 3 }], extends: 'desk-c' });
});

test('the same file named twice is read once', async (t) => {
  const file = write('twice.json', JSON.stringify(deskB));
  t.is((await resolveModels([file, path.relative(process.cwd(), file)])).length, hardwareCatalog.length + 1);
});

test('every problem of every file is one usage error, naming file, model and field', async (t) => {
  const a = write('bad-a.json', JSON.stringify([{ ...deskB, nics: [{ device: 'e1000', slot: 40 }] }]));
  const b = write('bad-b.json', JSON.stringify({ name: 'desktop-lsi', extends: 'desktop-e1000' }));
  const error = await t.throwsAsync(resolveModels([a, b]), { instanceOf: UsageError });
  t.regex(error.message, /^Invalid hardware models:/);
  t.regex(error.message, /bad-a\.json: model "desk-b": nics\[0\]\.slot: Slot of "e1000" is out of range/);
  t.regex(error.message, /bad-b\.json: model "desktop-lsi": name: .*shadows the built-in model "desktop-lsi" \(machines\/catalog\/models\.ts\)/);
});

test('a file that does not load, or holds no models, says so with a hint', async (t) => {
  const broken = write('broken.json', '{ nope');
  await t.throwsAsync(readModelFile(broken), { instanceOf: UsageError, message: /Cannot load models file .*broken\.json/ });
  const empty = write('empty.mjs', 'export const nothing = 1;');
  await t.throwsAsync(readModelFile(empty), { instanceOf: UsageError, message: /Invalid models file .*empty\.mjs: expected a model or an array of models/ });
  const throwing = write('throwing.mjs', `import { defineModel } from ${JSON.stringify(defineModelUrl)};\nexport default defineModel({ name: 'x', extends: 'desktop-e1000', cpus: 0 });`);
  await t.throwsAsync(readModelFile(throwing), { instanceOf: UsageError, message: /Cannot load models file .*throwing\.mjs: Invalid hardware model:\n {2}- defineModel: model "x": cpus: cpus must be an integer from 1 to 16, got 0/ });
  await t.throwsAsync(readModelFile(path.join(folder, 'missing.json')), { instanceOf: UsageError, message: /Cannot load models file/ });
});

test('buildCatalog from sources already read (a scenario module\'s models)', (t) => {
  t.is(buildCatalog([]).length, hardwareCatalog.length);
  t.is(buildCatalog([{ file: 'scenarios.mjs', models: [deskB] }]).at(-1)?.source, 'scenarios.mjs');
});
