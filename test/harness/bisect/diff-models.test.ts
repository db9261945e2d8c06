import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { validateModel } from '../../../machines/validate/validate-model.js';
import { listDifferences } from '../../../harness/bisect/diff-models.js';
import { deriveModel } from '../../../harness/plan/model-change.js';

const model = (name: string): HardwareModel => hardwareCatalog.find((entry) => entry.name === name) as HardwareModel;
const oldrevSlot3Cirrus: HardwareModel = {
  ...model('desktop-e1000'), name: 'desk-oldrev-cirrus', purpose: 'another NIC chip revision in another slot, and another video card',
  nics: [{ device: 'rtl8139', slot: 3, installDriver: '8139too' }], video: { device: 'cirrus-vga', slot: 4 },
};
const strip = ({ name: _name, purpose: _purpose, ...rest }: HardwareModel & { extends?: string }): unknown => {
  const { extends: _extends, ...hardware } = rest;
  return hardware;
};

test('the dimensions two models differ in: the NIC chip (with the driver its install records), its slot, the video card', (t) => {
  const differences = listDifferences(model('desktop-e1000'), oldrevSlot3Cirrus);
  t.deepEqual(differences.map((entry) => [entry.change.dimension, entry.change.label, entry.good, entry.bad]), [
    ['nic', 'nic-rtl8139-8139too', 'e1000', 'rtl8139 (install records 8139too)'],
    ['nicSlot', 'slot-3', 'in slot 2', 'in slot 3'],
    ['video', 'video-cirrus-vga', 'VGA in slot 4', 'cirrus-vga in slot 4'],
  ]);
});

test('every change applied to the good model gives the bad one; each single change gives a valid model named after it', (t) => {
  const good = model('desktop-e1000');
  const differences = listDifferences(good, oldrevSlot3Cirrus);
  t.deepEqual(strip(deriveModel(good, differences.map((entry) => entry.change))), strip(oldrevSlot3Cirrus));
  for (const { change } of differences) {
    const derived = deriveModel(good, [change]);
    t.is(derived.name, `desktop-e1000--${change.label}`);
    t.deepEqual(validateModel(derived), []);
  }
  t.deepEqual(deriveModel(good, [differences[0]!.change]).nics, [{ device: 'rtl8139', slot: 2, installDriver: '8139too' }], 'the chip changes, the slot stays');
});

test('chipset, storage with its place, NICs added: each is one dimension; the same model differs in none', (t) => {
  const differences = listDifferences(model('desktop-e1000'), { ...model('workstation-nvme'), nics: [{ device: 'e1000e', slot: 2 }, { device: 'e1000', slot: 3 }] });
  t.deepEqual(differences.map((entry) => entry.change.dimension), ['chipset', 'nic', 'nics', 'storage', 'video']);
  t.deepEqual(listDifferences(model('desktop-lsi'), model('desktop-lsi')), []);
});
