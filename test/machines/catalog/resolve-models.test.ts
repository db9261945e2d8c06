import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import { resolveModelSources, type ModelSource } from '../../../machines/catalog/resolve-models.js';
import type { ResolvedModel } from '../../../machines/catalog/types.js';
import { formatModelProblems } from '../../../machines/validate/problems.js';

/** Resolves sources and returns the user models (by name) and the problems as lines. */
function resolve(...sources: ModelSource[]): { models: Record<string, ResolvedModel>; problems: string[] } {
  const { models, problems } = resolveModelSources(sources);
  const users = models.filter((model) => model.source !== undefined);
  return { models: Object.fromEntries(users.map((model) => [model.name, model])), problems: formatModelProblems(problems) };
}

const file = (name: string, ...models: unknown[]): ModelSource => ({ file: name, models });

test('the built-in catalog comes first, then the user models in file order', (t) => {
  const { models, problems } = resolveModelSources([file('a.json', { name: 'desk-b', extends: 'desktop-e1000', cpus: 2 })]);
  t.deepEqual(problems, []);
  t.deepEqual(models.map((model) => model.name), [...hardwareCatalog.map((model) => model.name), 'desk-b']);
});

test('extends: the issue\'s one-difference pair; nics replace the parent\'s list, video and storage merge field by field', (t) => {
  const { models, problems } = resolve(file('fleet.json',
    { name: 'desk-b', extends: 'desktop-e1000', nics: [{ device: 'rtl8139', slot: 3 }] },
    { name: 'desk-cirrus', extends: 'desktop-e1000', video: { device: 'cirrus-vga' } },
    { name: 'desk-video-6', extends: 'desktop-e1000', video: { slot: 6 }, purpose: 'the video card in slot 6' },
  ));
  t.deepEqual(problems, []);
  const reference = hardwareCatalog.find((model) => model.name === 'desktop-e1000')!;
  t.deepEqual(models['desk-b'], { ...reference, name: 'desk-b', purpose: 'desktop-e1000 with other nics', nics: [{ device: 'rtl8139', slot: 3 }], source: 'fleet.json', extends: 'desktop-e1000' });
  t.deepEqual(models['desk-cirrus']?.video, { device: 'cirrus-vga', slot: 4 }, 'another card in the same slot');
  t.deepEqual(models['desk-video-6']?.video, { device: 'VGA', slot: 6 }, 'the same card in another slot');
  t.is(models['desk-video-6']?.purpose, 'the video card in slot 6');
});

test('null removes an inherited field: an add-on controller becomes the chipset\'s own', (t) => {
  const { models, problems } = resolve(file('f.json', { name: 'q-ahci', extends: 'workstation-nvme', storage: { device: 'ahci', slot: null } }));
  t.deepEqual(problems, []);
  t.deepEqual(models['q-ahci']?.storage, { device: 'ahci' });
  const kept = resolve(file('f.json', { name: 'q-ahci', extends: 'workstation-nvme', storage: { device: 'ahci' } }));
  t.deepEqual(kept.models['q-ahci']?.storage, { device: 'ahci', slot: 5 }, 'without null the slot is inherited: an add-on AHCI card in slot 5');
});

test('chains of user models resolve in any order, across files', (t) => {
  const { models, problems } = resolve(
    file('b.mjs', { name: 'desk-c', extends: 'desk-b', cpus: 2 }),
    file('a.json', { name: 'desk-b', extends: 'desktop-e1000', nics: [{ device: 'rtl8139', slot: 3 }] }),
  );
  t.deepEqual(problems, []);
  t.like(models['desk-c'], { cpus: 2, nics: [{ device: 'rtl8139', slot: 3 }], extends: 'desk-b', source: 'b.mjs' });
});

test('a cycle of extends is refused, naming the chain', (t) => {
  const { models, problems } = resolve(file('loop.json', { name: 'a', extends: 'b' }, { name: 'b', extends: 'c' }, { name: 'c', extends: 'a' }));
  t.deepEqual(models, {});
  t.true(problems.some((line) => /loop\.json: model "c": extends: A cycle of extends: a → b → c → a/.test(line)), problems.join('\n'));
  t.true(problems.every((line) => /cycle|cannot extend/.test(line)));
});

test('an unknown parent names the nearest models, built-in and user', (t) => {
  const { problems } = resolve(file('f.json', { name: 'x', extends: 'desktop-e100' }, { name: 'desk-b', extends: 'desk-bb' }, { name: 'desk-bb2', extends: 'desktop-e1000' }));
  t.true(problems.some((line) => /model "x": extends: expected a built-in or user model \(did you mean desktop-e1000.*\), got "desktop-e100"/.test(line)), problems.join('\n'));
  t.true(problems.some((line) => /model "desk-b": extends: .*did you mean desk-bb2.*got "desk-bb"/.test(line)), problems.join('\n'));
});

test('a user model named like a built-in one is refused, naming both', (t) => {
  const { problems } = resolve(file('./fleet.mjs', { name: 'desktop-e1000', extends: 'desktop-lsi' }));
  t.deepEqual(problems, [
    './fleet.mjs: model "desktop-e1000": name: "desktop-e1000" in ./fleet.mjs shadows the built-in model "desktop-e1000" (machines/catalog/models.ts): give yours another name (it may `extends: \'desktop-e1000\'`)',
  ]);
});

test('two different user models of one name are refused naming both files; the same model twice counts once', (t) => {
  const model = { name: 'desk-b', extends: 'desktop-e1000', cpus: 2 };
  const twice = resolve(file('a.json', model), file('b.mjs', { ...model, cpus: 4 }));
  t.deepEqual(twice.problems, ['b.mjs: model "desk-b": name: Two different models are named "desk-b": in a.json and in b.mjs']);
  const same = resolve(file('models.mjs', model), file('scenarios.mjs', { ...model }));
  t.deepEqual(same.problems, []);
  t.is(same.models['desk-b']?.source, 'models.mjs');
});

test('a whole model without extends must give every field', (t) => {
  const { problems } = resolve(file('f.json', { name: 'bare', chipset: 'pc', nics: [] }));
  t.deepEqual(problems, [
    'f.json: model "bare": purpose: expected string, got nothing (give it, or `extends` a model that has it)',
    'f.json: model "bare": cpus: expected number, got nothing (give it, or `extends` a model that has it)',
    'f.json: model "bare": memoryMiB: expected number, got nothing (give it, or `extends` a model that has it)',
    'f.json: model "bare": video: expected object, got nothing (give it, or `extends` a model that has it)',
    'f.json: model "bare": storage: expected object, got nothing (give it, or `extends` a model that has it)',
  ]);
});

test('shape problems name the file, the model and the field; unknown keys the nearest', (t) => {
  const { problems } = resolve(file('f.json', { name: 'x', extends: 'desktop-e1000', nic: [] }, { nme: 'y' }));
  t.deepEqual(problems, [
    'f.json: model "x": nic: Unrecognized key "nic": did you mean nics?',
    'f.json: model "#2": name: expected string, got nothing',
    'f.json: model "#2": nme: Unrecognized key "nme": did you mean name?',
  ]);
});

test('the merged model is validated like a built-in one, with its file', (t) => {
  const { problems } = resolve(file('topo.json', { name: 'q-bad', extends: 'workstation-nvme', bridges: [{ id: 'rp1', type: 'pcie-root-port', slot: 0x10 }], nics: [{ device: 'e1000', bus: 'rp1', slot: 0 }] }));
  t.is(problems.length, 1);
  t.regex(problems[0] ?? '', /^topo\.json: model "q-bad": nics\[0\]\.device: "e1000" is a conventional PCI device; pcie-root-port "rp1" takes PCI Express devices only/);
});

test('a model extending an invalid one says so, once', (t) => {
  const { problems } = resolve(file('f.json', { name: 'bad', extends: 'desktop-e1000', cpus: 99 }, { name: 'child', extends: 'bad' }));
  t.deepEqual(problems, [
    'f.json: model "bad": cpus: cpus must be an integer from 1 to 16, got 99',
    'f.json: model "child": extends: "bad" is not a valid model (see its problems), so "child" cannot extend it',
  ]);
});
