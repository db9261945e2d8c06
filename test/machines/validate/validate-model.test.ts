import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { validateModel } from '../../../machines/validate/validate-model.js';

const base = hardwareCatalog[0] as HardwareModel;
const q35 = hardwareCatalog.find((model) => model.chipset === 'q35') as HardwareModel;

/** Validates a variant of a model and returns the one problem's field and message. */
function problemOf(model: HardwareModel): { field: string; message: string } {
  const problems = validateModel(model);
  if (problems.length !== 1) throw new Error(`expected one problem, got ${JSON.stringify(problems)}`);
  return problems[0] as { field: string; message: string };
}

test('unknown device: names the field and suggests the nearest names', (t) => {
  const problem = problemOf({ ...base, nics: [{ device: 'e100O', slot: 2 }] });
  t.is(problem.field, 'nics[0].device');
  t.regex(problem.message, /Unknown nic device "e100O".*did you mean e1000/);
});

test('device of the wrong kind in a field', (t) => {
  const problem = problemOf({ ...base, video: { device: 'e1000e', slot: 4 } });
  t.is(problem.field, 'video.device');
  t.regex(problem.message, /"e1000e" is a nic device; expected a video device/);
});

test('two devices in one slot', (t) => {
  const problem = problemOf({ ...base, video: { device: 'VGA', slot: 2 } });
  t.is(problem.field, 'video.slot');
  t.regex(problem.message, /Two devices in slot 0x02: "e1000" and "VGA"/);
});

test('reserved slots on pc: 0 and 1', (t) => {
  for (const slot of [0, 1]) {
    const problem = problemOf({ ...base, nics: [{ device: 'e1000', slot }] });
    t.regex(problem.message, new RegExp(`Slot 0x0${slot} of "e1000" is reserved on pc`));
  }
});

test('reserved slots on q35: 0 and 0x1f', (t) => {
  for (const slot of [0, 0x1f]) {
    const problem = problemOf({ ...q35, nics: [{ device: 'e1000e', slot }] });
    t.regex(problem.message, /is reserved on q35 for the Q35 MCH \(0\) and ICH9 \(0x1f\)/);
  }
});

test('slot out of range', (t) => {
  for (const slot of [0x20, -1, 2.5]) {
    const problem = problemOf({ ...base, nics: [{ device: 'e1000', slot }] });
    t.is(problem.field, 'nics[0].slot');
    t.regex(problem.message, /out of range: expected an integer from 0x00 to 0x1f, got/);
  }
});

test('device not accepted by the chipset', (t) => {
  const problem = problemOf({ ...q35, storage: { device: 'piix3-ide' } });
  t.is(problem.field, 'storage.device');
  t.regex(problem.message, /"piix3-ide" is not accepted by the q35 chipset; it works on pc/);
});

test('an add-on controller needs a slot; a built-in one needs none', (t) => {
  const problem = problemOf({ ...base, storage: { device: 'lsi53c895a' } });
  t.regex(problem.message, /"lsi53c895a" is an add-on card on pc: expected a slot/);
  t.deepEqual(validateModel({ ...q35, storage: { device: 'ahci' } }), [], 'ICH9 AHCI is built into q35');
});

test('malformed MAC and multicast MAC', (t) => {
  const malformed = problemOf({ ...base, nics: [{ device: 'e1000', slot: 2, mac: '52:54:00:12:34' }] });
  t.is(malformed.field, 'nics[0].mac');
  t.regex(malformed.message, /Malformed MAC: expected six hex pairs.*got "52:54:00:12:34"/);
  const multicast = problemOf({ ...base, nics: [{ device: 'e1000', slot: 2, mac: '01:00:5e:00:00:01' }] });
  t.regex(multicast.message, /multicast/);
  t.deepEqual(validateModel({ ...base, nics: [{ device: 'e1000', slot: 2, mac: '52:54:00:AB:cd:01' }] }), []);
});

test('several problems are all reported at once', (t) => {
  const problems = validateModel({ ...base, name: 'Bad Name', memoryMiB: 1, nics: [{ device: 'nope', slot: 99 }] });
  t.deepEqual(problems.map((problem) => problem.field).sort(), ['memoryMiB', 'name', 'nics[0].device']);
});
