import { writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { validateScenario } from '../../../harness/spec/validate-scenario.js';
import { refuseScenario, scenarioWithMaster } from '../../fixtures/planned-scenario.js';
import { makeScratch } from '../disks/fixtures.js';

// The user's image must exist for a run to take it (validateScenario checks with a catalog).
const scratch = makeScratch();
const imageFile = (name: string): string => {
  const file = path.join(scratch, name);
  writeFileSync(file, '');
  return file;
};

const master = scenarioWithMaster;
const refuse = refuseScenario;

test('master defaults: guest reference, boot direct', (t) => {
  const scenario = validateScenario(master({}));
  t.is(scenario.master.guest, 'reference');
  t.is(scenario.master.boot, 'direct');
  t.is(scenario.master.image, undefined);
});

test('an image without a guest is guest image; guest image with an image is kept', (t) => {
  const qcow2 = imageFile('mine.qcow2');
  const raw = imageFile('mine.img');
  t.like(validateScenario(master({ image: qcow2 })).master, { guest: 'image', image: qcow2 });
  t.like(validateScenario(master({ guest: 'image', image: raw, boot: 'uefi' })).master, { guest: 'image', image: raw, boot: 'uefi' });
  t.like(validateScenario(master({ guest: 'debian', boot: 'bios' })).master, { guest: 'debian', boot: 'bios' });
});

test('guest image without an image, or an image with another guest: refused, naming master.image', (t) => {
  t.regex(refuse(master({ guest: 'image' })), /master\.image.*guest `image` needs `image: PATH`/s);
  t.regex(refuse(master({ guest: 'debian', image: 'x.img' })), /master\.image.*not 'debian'/s);
  t.regex(refuse(master({ guest: 'reference', image: 'x.img' })), /not 'reference'/);
});

test('unknown guests, boot paths and an empty image are refused with the choices', (t) => {
  t.regex(refuse(master({ guest: 'no-such-guest' })), /master\.guest.*reference.*debian.*image/s);
  t.regex(refuse(master({ boot: 'pxe' })), /master\.boot.*direct.*bios.*uefi/s);
  t.regex(refuse(master({ image: '' })), /master\.image/);
});
