import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { comparePlacement } from '../../../harness/qemu/compare-placement.js';
import { listExpectedPlacements } from '../../../harness/qemu/expected-placement.js';
import { flattenPciInfo, type PciFunction } from '../../../harness/qemu/pci-info.js';

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
