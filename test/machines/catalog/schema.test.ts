import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import { hardwareModelSchema, modelInputSchema } from '../../../machines/catalog/schema.js';
import { formatSchemaIssues } from '../../../machines/validate/format-issues.js';

const reference = hardwareCatalog.find((model) => model.name === 'desktop-e1000')!;

/** The problems the strict schema finds in a value, as `field: message`. */
function issues(schema: typeof hardwareModelSchema | typeof modelInputSchema, value: unknown): string[] {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? [] : formatSchemaIssues(schema, parsed.error.issues).map((problem) => `${problem.field}: ${problem.message}`);
}

test('the built-in catalog passes the schema user models are checked with, unchanged', (t) => {
  for (const model of hardwareCatalog) {
    const parsed = hardwareModelSchema.safeParse(model);
    t.true(parsed.success, `${model.name}: ${JSON.stringify(parsed.error?.issues)}`);
    t.deepEqual(parsed.data, model, `${model.name} parses to itself`);
  }
});

test('an unknown key names the nearest field, at any depth', (t) => {
  t.deepEqual(issues(hardwareModelSchema, { ...reference, purpse: 'x' }), ['purpse: Unrecognized key "purpse": did you mean purpose?']);
  t.deepEqual(issues(hardwareModelSchema, { ...reference, nics: [{ device: 'e1000', slto: 2, slot: 2 }] }), ['nics[0].slto: Unrecognized key "slto": did you mean slot?']);
  t.deepEqual(issues(modelInputSchema, { name: 'x', extend: 'desktop-e1000' }), ['extend: Unrecognized key "extend": did you mean extends?']);
  t.deepEqual(issues(modelInputSchema, { name: 'x', bridges: [{ id: 'b', type: 'pci-bridge', slot: 3, chasis: 1 }] }), ['bridges[0].chasis: Unrecognized key "chasis": did you mean chassis?']);
  t.deepEqual(issues(hardwareModelSchema, { ...reference, zzzzzzzzzz: 1 }).map((line) => /expected one of name, purpose/.test(line)), [true], 'nothing near: the fields there are listed');
});

test('a wrong type names the field, what was expected and what was given', (t) => {
  t.deepEqual(issues(hardwareModelSchema, { ...reference, cpus: '2' }), ['cpus: expected number, got "2"']);
  t.deepEqual(issues(hardwareModelSchema, { ...reference, chipset: 'i440fx' }), ['chipset: expected one of "pc"|"q35", got "i440fx"']);
  t.deepEqual(issues(hardwareModelSchema, { ...reference, bridges: [{ id: 'b', type: 'pcie-bridge', slot: 3 }] }), ['bridges[0].type: expected one of "pci-bridge"|"pcie-root-port"|"pcie-pci-bridge", got "pcie-bridge"']);
  const { video: _video, ...noVideo } = reference;
  t.deepEqual(issues(hardwareModelSchema, noVideo), ['video: expected object, got nothing']);
});

test('a model as written may leave out what it inherits, and remove an inherited slot or bus with null', (t) => {
  t.deepEqual(issues(modelInputSchema, { name: 'desk-b', extends: 'desktop-e1000', nics: [{ device: 'rtl8139', slot: 3 }] }), []);
  t.deepEqual(issues(modelInputSchema, { name: 'q', extends: 'workstation-nvme', storage: { device: 'ahci', slot: null, bus: null } }), []);
  t.deepEqual(issues(modelInputSchema, { name: 'q', video: { slot: null } }), ['video.slot: expected number, got null'], 'a video card always has a slot');
});
