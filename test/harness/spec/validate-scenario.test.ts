import test from 'ava';
import { validateScenario } from '../../../harness/spec/validate-scenario.js';
import { refuseScenario, scenarioInput } from '../../fixtures/planned-scenario.js';

const refuse = refuseScenario;

test('a valid scenario gets its defaults', (t) => {
  const scenario = validateScenario(scenarioInput({ generalize: undefined }));
  t.is(scenario.generalize, false);
  t.is(scenario.expect, 'pass');
  t.is(scenario.clonesPerTarget, 1);
  t.deepEqual(scenario.skipChecks, []);
});

test('generalize defaults to sysprep\'s own SID changer; an unknown one is refused with the allowed ones', (t) => {
  t.deepEqual(validateScenario(scenarioInput({ generalize: { massStorage: true } })).generalize, { massStorage: true, sidChanger: 'setupcl' });
  t.deepEqual(validateScenario(scenarioInput({ generalize: { sidChanger: 'no-acl-rewrite' } })).generalize, { massStorage: false, sidChanger: 'no-acl-rewrite' });
  t.regex(refuse(scenarioInput({ generalize: { sidChanger: 'newsid' as never } })), /generalize\.sidChanger: .*"setupcl".*"no-acl-rewrite".*got "newsid"/);
});

test('a typo in a field name is refused, naming the field', (t) => {
  t.regex(refuse({ ...scenarioInput(), targts: [] }), /Invalid scenario "fixture":[\s\S]*Unrecognized key.*"targts"/);
});

test('an unknown key names the nearest field, at any depth: targts → targets', (t) => {
  t.regex(refuse({ ...scenarioInput(), targts: [] }), /targts: Unrecognized key "targts": did you mean targets\?/);
  t.regex(refuse(scenarioInput({ master: { machine: 'desktop-e1000', geomtry: {} } as never })), /master\.geomtry: Unrecognized key "geomtry": did you mean geometry\?/);
  t.regex(refuse(scenarioInput({ targets: [{ machine: 'desktop-e1000', expext: 'pass' } as never] })), /targets\[0\]\.expext: Unrecognized key "expext": did you mean expect\?/);
});

test('a user model a scenario targets is known once the run\'s catalog holds it; without a catalog names wait', (t) => {
  const input = scenarioInput({ targets: [{ machine: 'desk-b' }] });
  t.regex(refuse(input), /targets\[0\]\.machine: expected a catalog hardware model/);
  const reference = validateScenario(scenarioInput()).master.machine;
  const catalog = [{ name: 'desk-b', purpose: 'x', chipset: 'pc' as const, cpus: 1, memoryMiB: 256, nics: [], video: { device: 'VGA', slot: 4 }, storage: { device: 'piix3-ide' } }, { name: reference, purpose: 'x', chipset: 'pc' as const, cpus: 1, memoryMiB: 256, nics: [], video: { device: 'VGA', slot: 4 }, storage: { device: 'piix3-ide' } }];
  t.is(validateScenario(input, catalog).targets !== 'all-models', true);
  t.notThrows(() => validateScenario(input, null), 'defineScenario: names are checked when the file loads');
});

test('a wrong type names the field, the expected and the given value', (t) => {
  const message = refuse(scenarioInput({ clonesPerTarget: 'two' as never }));
  t.regex(message, /clonesPerTarget: expected number, received string, got "two"/);
});

test('an unknown clone method lists the allowed ones', (t) => {
  t.regex(refuse(scenarioInput({ capture: { method: 'ghost' as never } })), /capture\.method: .*"sector".*"file".*got "ghost"/);
});

test('an unknown failure name in the expectation is refused', (t) => {
  t.regex(refuse(scenarioInput({ expect: { reproduces: ['duplicate-sids' as never] } })), /expect/);
});

test('unknown model names suggest the nearest', (t) => {
  const message = refuse(scenarioInput({ targets: [{ machine: 'desktop-lsy' }] }));
  t.regex(message, /targets\[0\]\.machine: expected a catalog hardware model \(did you mean desktop-lsi/);
});

test('contradictory options are refused: sector clone to another filesystem', (t) => {
  const message = refuse(scenarioInput({ capture: { method: 'sector' }, targets: [{ machine: 'desktop-e1000', geometry: { filesystem: 'ntfs' } }] }));
  t.regex(message, /a sector clone copies the master's filesystem; expected "fat32" or nothing, got "ntfs"/);
});

test('options that belong to another method are refused', (t) => {
  t.regex(refuse(scenarioInput({ capture: { method: 'sector', compression: 'lzx' } })), /only a file \(WIM\) capture is compressed/);
  t.regex(refuse(scenarioInput({ capture: { method: 'file', force: true } })), /only a sector clone can be forced/);
});

test('every problem is listed at once', (t) => {
  const message = refuse(scenarioInput({ master: { machine: 'nope' }, targets: [{ machine: 'nope-either' }] }));
  t.regex(message, /master\.machine/);
  t.regex(message, /targets\[0\]\.machine/);
});
