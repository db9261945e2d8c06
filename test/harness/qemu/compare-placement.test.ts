import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { comparePlacement } from '../../../harness/qemu/compare-placement.js';
import { listExpectedPlacements } from '../../../harness/qemu/expected-placement.js';
import { busesNumbered, flattenPciInfo, type PciFunction } from '../../../harness/qemu/pci-info.js';

function model(name: string): HardwareModel {
  const found = hardwareCatalog.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no model ${name}`);
  return found;
}

function fn(address: string, vendor: string, device: string, pciClass: string): PciFunction {
  const [bus, slot, func] = address.split(/[:.]/).map((part) => Number.parseInt(part, 16)) as [number, number, number];
  return { bus, slot, function: func, address, vendor, device, pciClass, qdevId: '' };
}

test('builtin controllers sit at their chipset address: PIIX3 IDE at 00:01.1 on pc, ICH9 AHCI at 00:1f.2 on q35', (t) => {
  t.like(listExpectedPlacements(model('desktop-e1000')).find((p) => p.role === 'storage'), { address: '00:01.1', vendor: '8086', device: '7010', builtin: true });
  t.like(listExpectedPlacements(model('workstation-q35-ahci')).find((p) => p.role === 'storage'), { address: '00:1f.2', device: '2922', builtin: true });
  t.like(listExpectedPlacements(model('desktop-ahci')).find((p) => p.role === 'storage'), { address: '00:05.0', device: '2922', builtin: false });
  t.deepEqual(listExpectedPlacements(model('desktop-e1000-slot3')).map((p) => `${p.role}@${p.address}`), ['nic0@00:03.0', 'video@00:04.0', 'storage@00:01.1']);
});

test('every kind of mismatch is named: nothing there, another device there, another class there', (t) => {
  const expected = listExpectedPlacements(model('desktop-e1000-slot3'));
  const evidence = comparePlacement(expected, [fn('00:01.1', '8086', '7010', '0101'), fn('00:02.0', '8086', '100e', '0200'), fn('00:04.0', '1234', '1111', '0380')]);
  t.deepEqual(evidence.map((entry) => entry.mismatch), [
    'nic0 (e1000): nothing at 00:03.0, expected 8086:100e; 8086:100e is at 00:02.0',
    'video (VGA): 00:04.0 has class 0380, expected 0300',
    '',
  ]);
  const swapped = comparePlacement(expected, [fn('00:03.0', '10ec', '8139', '0200')]);
  t.is(swapped[0]?.mismatch, 'nic0 (e1000): 00:03.0 is 10ec:8139, expected 8086:100e');
});

test('flattenPciInfo turns numeric ids into hex and walks the buses behind bridges', (t) => {
  const raw = [{ bus: 0, devices: [
    { bus: 0, slot: 0x1f, function: 2, id: { vendor: 32902, device: 10530 }, class_info: { class: 262 }, qdev_id: '' },
    { bus: 0, slot: 3, function: 0, id: { vendor: 0x1b36, device: 1 }, class_info: { class: 0x604 }, qdev_id: 'br0',
      pci_bridge: { devices: [{ bus: 1, slot: 0, function: 0, id: { vendor: 0x8086, device: 0x100e }, class_info: { class: 0x200 }, qdev_id: 'nic0' }] } },
  ] }];
  t.deepEqual(flattenPciInfo(raw).map((entry) => `${entry.address} ${entry.vendor}:${entry.device} ${entry.pciClass} ${entry.qdevId}`), [
    '00:1f.2 8086:2922 0106 ',
    '00:03.0 1b36:0001 0604 br0',
    '01:00.0 8086:100e 0200 nic0',
  ]);
  t.throws(() => flattenPciInfo({}), { instanceOf: TypeError });
});

test('bridges are expected too: at their address, with the bus number the firmware gives them (depth first, by slot)', (t) => {
  const bridged: HardwareModel = {
    ...model('desktop-e1000'), name: 'test-bridged',
    bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }, { id: 'br2', type: 'pci-bridge', slot: 5 }], nics: [{ device: 'e1000', bus: 'br1', slot: 3 }],
  };
  const expected = listExpectedPlacements(bridged);
  t.deepEqual(expected.map((p) => `${p.role}@${p.address}${p.secondaryBus === undefined ? '' : `→${p.secondaryBus}`}`), ['nic0@02:03.0', 'video@00:04.0', 'storage@00:01.1', 'br2@00:05.0→1', 'br1@00:08.0→2']);
  const bridge = (address: string, secondary: number): PciFunction => ({ ...fn(address, '1b36', '0001', '0604'), secondaryBus: secondary, subordinateBus: secondary });
  const tree = [fn('00:01.1', '8086', '7010', '0101'), fn('00:04.0', '1234', '1111', '0300'), fn('02:03.0', '8086', '100e', '0200')];
  t.true(comparePlacement(expected, [...tree, bridge('00:05.0', 1), bridge('00:08.0', 2)]).every((entry) => entry.ok));
  // Not numbered yet (paused): the bridge is where it should be; its number is not judged.
  t.true(comparePlacement(expected.filter((p) => p.bus === 0), [...tree, bridge('00:05.0', 0), bridge('00:08.0', 0)]).every((entry) => entry.ok));
  const swapped = comparePlacement(expected, [...tree, bridge('00:05.0', 2), bridge('00:08.0', 1)]);
  t.deepEqual(swapped.filter((entry) => !entry.ok).map((entry) => entry.mismatch), [
    'br2 (pci-bridge): the firmware numbered the bus behind 00:05.0 02, the model numbers it 01',
    'br1 (pci-bridge): the firmware numbered the bus behind 00:08.0 01, the model numbers it 02',
  ]);
});

test('"elsewhere" leaves out the addresses where another device of the model is found as declared', (t) => {
  const twoNics: HardwareModel = { ...model('desktop-e1000'), name: 'test-two', nics: [{ device: 'e1000', slot: 2 }, { device: 'e1000', slot: 3 }] };
  const present = [fn('00:01.1', '8086', '7010', '0101'), fn('00:04.0', '1234', '1111', '0300'), fn('00:02.0', '8086', '100e', '0200')];
  const missing = comparePlacement(listExpectedPlacements(twoNics), present).find((entry) => !entry.ok);
  t.is(missing?.mismatch, 'nic1 (e1000): nothing at 00:03.0, expected 8086:100e');
  t.deepEqual(missing?.elsewhere, []);
  const moved = comparePlacement(listExpectedPlacements(twoNics), [...present, fn('00:07.0', '8086', '100e', '0200')]).find((entry) => !entry.ok);
  t.deepEqual(moved?.elsewhere, ['00:07.0']);
});

test('flattenPciInfo numbers the functions behind a bridge with its secondary bus; busesNumbered waits for every bridge', (t) => {
  const device = (slot: number, extra: Record<string, unknown> = {}) => ({ bus: 0, slot, function: 0, id: { vendor: 0x1b36, device: 1 }, class_info: { class: 0x604 }, ...extra });
  const paused = flattenPciInfo([{ bus: 0, devices: [device(8, { qdev_id: 'br1', pci_bridge: { bus: { number: 0, secondary: 0, subordinate: 0 } } })] }]);
  t.deepEqual(paused.map((entry) => [entry.address, entry.secondaryBus]), [['00:08.0', 0]]);
  t.false(busesNumbered(paused));
  const midway = flattenPciInfo([{ bus: 0, devices: [device(8, { pci_bridge: { bus: { number: 0, secondary: 1, subordinate: 0xff } } })] }]);
  t.false(busesNumbered(midway), 'SeaBIOS writes 0xff as subordinate while it numbers behind the bridge');
  const numbered = flattenPciInfo([{ bus: 0, devices: [device(8, {
    pci_bridge: { bus: { number: 0, secondary: 1, subordinate: 1 }, devices: [{ bus: 7, slot: 3, function: 0, id: { vendor: 0x8086, device: 0x100e }, class_info: { class: 0x200 }, qdev_id: 'nic0' }] },
  })] }]);
  t.deepEqual(numbered.map((entry) => entry.address), ['00:08.0', '01:03.0'], 'the bridge\'s secondary bus, not the function\'s own field');
  t.true(busesNumbered(numbered));
  t.true(busesNumbered([]), 'no bridge: nothing to wait for');
});
