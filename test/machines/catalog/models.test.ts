import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { deviceRegistry } from '../../../machines/devices/registry.js';
import { validateCatalog } from '../../../machines/validate/validate-model.js';

const byName = (name: string): HardwareModel => {
  const model = hardwareCatalog.find((candidate) => candidate.name === name);
  if (!model) throw new Error(`no model ${name}`);
  return model;
};

/** The top-level aspects in which two models differ. */
function differences(a: HardwareModel, b: HardwareModel): string[] {
  const aspects = ['chipset', 'cpus', 'memoryMiB', 'nics', 'video', 'storage'] as const;
  return aspects.filter((aspect) => JSON.stringify(a[aspect]) !== JSON.stringify(b[aspect]));
}

test('the catalog is valid: every model passes validation, names are unique', (t) => {
  t.deepEqual(validateCatalog(hardwareCatalog), []);
});

test('the catalog has at least 12 models, each with a one-line purpose, on both chipsets', (t) => {
  t.true(hardwareCatalog.length >= 12);
  for (const model of hardwareCatalog) t.true(model.purpose.length > 10 && !model.purpose.includes('\n'), model.name);
  t.true(hardwareCatalog.some((model) => model.chipset === 'pc'));
  t.true(hardwareCatalog.some((model) => model.chipset === 'q35'));
});

test('every registry device appears in at least one model', (t) => {
  const used = new Set(hardwareCatalog.flatMap((model) => [...model.nics.map((nic) => nic.device), model.video.device, model.storage.device]));
  t.deepEqual(deviceRegistry.map((device) => device.qemu).filter((name) => !used.has(name)), []);
});

test('pairs differ from the reference model in exactly one thing', (t) => {
  const reference = byName('desktop-e1000');
  t.deepEqual(differences(reference, byName('desktop-e1000-slot3')), ['nics'], 'same NIC, slot 2 → 3');
  t.is(byName('desktop-e1000-slot3').nics[0]?.device, 'e1000');
  t.deepEqual(differences(reference, byName('desktop-lsi')), ['storage'], 'another storage controller');
  t.deepEqual(differences(reference, byName('desktop-cirrus')), ['video'], 'another video card');
  const rtl = byName('desktop-rtl8139');
  const oldRevision = byName('desktop-rtl8139-oldrev');
  t.deepEqual(differences(rtl, oldRevision), ['nics'], 'same product line, another chip revision');
  t.is(oldRevision.nics[0]?.device, rtl.nics[0]?.device);
  t.is(oldRevision.nics[0]?.installDriver, '8139too');
});
