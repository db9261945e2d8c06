import { writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { GUEST_CHOICES, selectLibrary } from '../../cli/select-library.js';
import { UsageError } from '../../harness/errors/errors.js';
import { guestProfileNames } from '../../harness/profiles/types.js';
import { validateScenario } from '../../harness/spec/validate-scenario.js';
import { scenarioInput } from '../fixtures/planned-scenario.js';
import { makeScratch } from '../harness/disks/fixtures.js';

const userImage = path.join(makeScratch(), 'user.qcow2');
writeFileSync(userImage, '');

const reference = validateScenario(scenarioInput({ name: 'ref-a' }));
const reference2 = validateScenario(scenarioInput({ name: 'ref-b', master: { guest: 'reference', machine: 'desktop-e1000' } }));
const debian = validateScenario(scenarioInput({ name: 'deb-a', master: { guest: 'debian', machine: 'desktop-e1000', geometry: { size: '1536M' } }, tags: ['debian'] }));
const image = validateScenario(scenarioInput({ name: 'img-a', master: { image: userImage, machine: 'desktop-e1000' } }));
const builtin = [reference, debian, reference2, image];
const names = (scenarios: readonly { name: string }[]) => scenarios.map((scenario) => scenario.name);

test('no --guest and no --tag: the reference guest\'s scenarios only', (t) => {
  t.deepEqual(names(selectLibrary(builtin, undefined, [])), ['ref-a', 'ref-b']);
});

test('--guest debian: the Debian scenarios; --guest image: the image ones', (t) => {
  t.deepEqual(names(selectLibrary(builtin, 'debian', [])), ['deb-a']);
  t.deepEqual(names(selectLibrary(builtin, 'image', [])), ['img-a']);
  t.deepEqual(names(selectLibrary(builtin, 'debian', ['identity'])), ['deb-a'], '--guest still narrows when tags are given');
});

test('--tag without --guest, or --guest all: every scenario (the tags select later)', (t) => {
  t.deepEqual(names(selectLibrary(builtin, undefined, ['debian'])), names(builtin));
  t.deepEqual(names(selectLibrary(builtin, 'all', [])), names(builtin));
});

test('a bad --guest: a UsageError naming every choice and what was given', (t) => {
  t.deepEqual([...GUEST_CHOICES], [...guestProfileNames, 'all']);
  const error = t.throws(() => selectLibrary(builtin, 'no-such-guest', []), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /--guest/);
  for (const choice of GUEST_CHOICES) t.true(error?.message.includes(`"${choice}"`), choice);
  t.regex(error?.message ?? '', /no-such-guest/);
});
