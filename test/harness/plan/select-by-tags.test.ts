import test from 'ava';
import { UsageError } from '../../../harness/errors/errors.js';
import { parseTags, selectByTags } from '../../../harness/plan/select-by-tags.js';
import library from '../../../scenarios/library/index.js';

const names = (scenarios: readonly { name: string }[]) => scenarios.map((scenario) => scenario.name);

test('a tag selects the scenarios that carry it; several tags select those that carry any', (t) => {
  const storage = selectByTags(library, ['storage']);
  t.true(storage.length >= 2);
  t.true(storage.every((scenario) => scenario.tags.includes('storage')));
  t.true(names(storage).includes('mptsas-inaccessible-boot-device'));
  const nic = selectByTags(library, ['nic']);
  const either = selectByTags(library, ['storage', 'nic']);
  t.deepEqual(names(either).sort(), [...new Set([...names(storage), ...names(nic)])].sort());
  t.is(selectByTags(library, []).length, library.length, 'no tag: everything');
});

test('a tag no scenario carries is refused with the tags there are and the nearest one', (t) => {
  const error = t.throws(() => selectByTags(library, ['storge']), { instanceOf: UsageError });
  t.regex(error.message, /Invalid --tag: expected a tag of the chosen scenarios \(.*storage.*\), got "storge"/);
  t.regex(error.hint ?? '', /Did you mean storage/);
});

test('--tag values may be repeated and comma-separated', (t) => {
  t.deepEqual(parseTags(['drivers,nic', ' storage ', '']), ['drivers', 'nic', 'storage']);
});
