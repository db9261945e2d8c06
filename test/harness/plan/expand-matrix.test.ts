import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { UsageError } from '../../../harness/errors/errors.js';
import { expandMatrix } from '../../../harness/plan/expand-matrix.js';
import { planRun } from '../../../harness/plan/plan-run.js';
import type { Matrix } from '../../../harness/spec/schema.js';
import { validateScenario } from '../../../harness/spec/validate-scenario.js';
import { scenarioInput } from '../../fixtures/planned-scenario.js';

const desktop = hardwareCatalog.find((model) => model.name === 'desktop-e1000') as HardwareModel;
const matrix = (vary: Matrix['vary']): Matrix => ({ base: 'desktop-e1000', vary });

test('every combination becomes a model named after what differs from the base; the base\'s own values add nothing to a name', (t) => {
  const expansion = expandMatrix(matrix({ nic: ['e1000', 'rtl8139'], nicSlot: [2, 3] }), desktop);
  t.deepEqual(expansion.models.map((model) => model.name), ['desktop-e1000', 'desktop-e1000--slot-3', 'desktop-e1000--nic-rtl8139', 'desktop-e1000--nic-rtl8139--slot-3']);
  t.like(expansion, { full: 4, valid: 4, pairwise: false, dropped: [] });
  const moved = expansion.models[3];
  t.deepEqual(moved?.nics, [{ device: 'rtl8139', slot: 3 }]);
  t.deepEqual(moved?.video, desktop.video, 'what is not varied is the base\'s');
  t.is(moved?.extends, 'desktop-e1000');
});

test('a NIC with the driver its install records is another chip revision: its label names both', (t) => {
  const [, oldrev] = expandMatrix(matrix({ nic: ['e1000', { device: 'rtl8139', installDriver: '8139too' }] }), desktop).models;
  t.is(oldrev?.name, 'desktop-e1000--nic-rtl8139-8139too');
  t.deepEqual(oldrev?.nics, [{ device: 'rtl8139', slot: 2, installDriver: '8139too' }]);
});

test('combinations QEMU would refuse are dropped, each with its reason: a reserved slot, a taken slot (e1000e on pc is accepted, as QEMU does)', (t) => {
  const expansion = expandMatrix(matrix({ nic: ['e1000', 'e1000e'], nicSlot: [1, 3, 4] }), desktop);
  t.deepEqual(expansion.models.map((model) => model.name), ['desktop-e1000--slot-3', 'desktop-e1000--nic-e1000e--slot-3']);
  t.like(expansion, { full: 6, valid: 2 });
  const reasons = Object.fromEntries(expansion.dropped.map((entry) => [entry.model, entry.reasons.join('; ')]));
  t.regex(reasons['desktop-e1000--slot-1'] ?? '', /reserved on pc/);
  t.regex(reasons['desktop-e1000--slot-4'] ?? '', /Two devices in slot 0x04/);
  t.regex(reasons['desktop-e1000--nic-e1000e--slot-1'] ?? '', /reserved on pc/);
});

test('the chipset is set before the storage: a controller built into q35 takes no slot, one not on q35 is dropped', (t) => {
  const expansion = expandMatrix(matrix({ chipset: ['pc', 'q35'], storage: ['piix3-ide', 'ahci'] }), desktop);
  t.deepEqual(expansion.models.map((model) => model.name), ['desktop-e1000', 'desktop-e1000--storage-ahci', 'desktop-e1000--chipset-q35--storage-ahci']);
  t.deepEqual(expansion.models[1]?.storage, { device: 'ahci', slot: 5 }, 'an add-on AHCI card on pc, in a free slot');
  t.deepEqual(expansion.models[2]?.storage, { device: 'ahci' }, 'the ICH9 AHCI built into q35');
  t.regex(expansion.dropped[0]?.reasons.join(';') ?? '', /piix3-ide/);
});

test('a matrix no cell of which QEMU accepts is refused, listing every cell', (t) => {
  const error = t.throws(() => expandMatrix(matrix({ nic: ['e1000e', 'vmxnet3'], chipset: ['pc'], nicSlot: [0] }), desktop), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /No cell of the matrix[\s\S]*desktop-e1000--nic-e1000e--slot-0[\s\S]*desktop-e1000--nic-vmxnet3--slot-0/);
});

test('the plan counts the full product and the pairwise reduction, adds the derived models and expects known incompatibilities', (t) => {
  const scenario = validateScenario(scenarioInput({
    name: 'sweep', targets: { base: 'desktop-e1000', vary: { nic: ['e1000', 'rtl8139', 'pcnet', 'ne2k_pci'], nicSlot: [2, 3, 5, 6], video: ['VGA', 'cirrus-vga', 'vmware-svga'], storage: ['piix3-ide', 'lsi53c895a'] } },
  }));
  const full = planRun([scenario]);
  const pairwise = planRun([scenario], hardwareCatalog, { pairwise: true });
  t.like(full.matrices?.[0], { scenario: 'sweep', base: 'desktop-e1000', full: 96, valid: 96, cells: 96, pairwise: false });
  const reduced = pairwise.matrices?.[0];
  t.like(reduced, { full: 96, valid: 96, pairwise: true });
  t.true((reduced?.cells ?? 96) < 30, `${reduced?.cells} cells`);
  t.is(pairwise.scenarios[0]?.clones.length, reduced?.cells);
  t.is(pairwise.models?.length, (reduced?.cells ?? 0) - (pairwise.scenarios[0]?.clones.some((clone) => clone.machine === 'desktop-e1000') ? 1 : 0), 'the base is not derived');
  const svga = full.scenarios[0]?.clones.find((clone) => clone.machine === 'desktop-e1000--nic-ne2k-pci--slot-6--video-vmware-svga');
  t.deepEqual(svga?.expect, { reproduces: ['problem-10'] });
  t.not(full.planId, pairwise.planId);
});

test('a matrix naming an unknown model or device is refused with the nearest names; an empty vary is refused', (t) => {
  const bad = t.throws(() => validateScenario(scenarioInput({ targets: { base: 'desktop-e100', vary: { nic: ['rtl8193'], video: ['e1000'], storage: ['ahci'] } } })));
  t.regex(bad?.message ?? '', /targets\.base: .*did you mean desktop-e1000/);
  t.regex(bad?.message ?? '', /targets\.vary\.nic\[0\]: .*did you mean rtl8139/);
  t.regex(bad?.message ?? '', /targets\.vary\.video\[0\]: expected a video device \("e1000" is a nic device\)/);
  const empty = t.throws(() => validateScenario(scenarioInput({ targets: { base: 'desktop-e1000', vary: {} } })));
  t.regex(empty?.message ?? '', /at least one dimension to vary/);
});
