import test from 'ava';
import { deviceRegistry, findDevice, listDeviceNames, suggestNames } from '../../../machines/devices/registry.js';

const REQUIRED = {
  nic: ['e1000', 'e1000e', 'rtl8139', 'pcnet', 'ne2k_pci', 'virtio-net-pci', 'vmxnet3', 'i82559er', 'tulip'],
  video: ['VGA', 'cirrus-vga', 'qxl-vga', 'virtio-vga', 'vmware-svga'],
  storage: ['lsi53c895a', 'megasas', 'megasas-gen2', 'mptsas1068', 'virtio-scsi-pci', 'pvscsi', 'am53c974', 'dc390', 'ahci', 'piix3-ide', 'nvme', 'virtio-blk-pci'],
} as const;

test('the registry has every device the lab supports, each of the right kind', (t) => {
  for (const [kind, names] of Object.entries(REQUIRED)) {
    for (const name of names) t.is(findDevice(name)?.kind, kind as never, name);
  }
});

test('QEMU names are unique and PCI ids are 4 lower-case hex digits', (t) => {
  t.is(new Set(listDeviceNames()).size, deviceRegistry.length);
  for (const device of deviceRegistry) {
    t.regex(device.pci.vendor, /^[0-9a-f]{4}$/, device.qemu);
    t.regex(device.pci.device, /^[0-9a-f]{4}$/, device.qemu);
    t.true(device.modules.length > 0, `${device.qemu} names the modules that drive it`);
    if (device.kind === 'storage') t.truthy(device.disk, `${device.qemu} says how the disk hangs off it`);
  }
});

test('virtio devices name both the PCI-level and the function-level driver', (t) => {
  for (const device of deviceRegistry.filter((spec) => spec.qemu.startsWith('virtio'))) {
    t.is(device.driver, 'virtio-pci', device.qemu);
    t.truthy(device.functionDriver, device.qemu);
  }
});

test('the known incompatibilities carry their evidence', (t) => {
  t.is(findDevice('rtl8139')?.incompatibilities[0]?.driver, '8139too');
  t.is(findDevice('vmware-svga')?.knownIssue?.symptom, 'problem-10');
  t.is(findDevice('mptsas1068')?.knownIssue?.symptom, 'stop-0x7b');
  for (const device of deviceRegistry) {
    for (const incompatibility of device.incompatibilities) t.true(incompatibility.evidence.length > 20);
  }
});

test('suggestNames proposes the nearest names, best first', (t) => {
  t.deepEqual(suggestNames('e1000x', listDeviceNames('nic')).slice(0, 2), ['e1000', 'e1000e']);
  t.is(suggestNames('rtl8193', listDeviceNames())[0], 'rtl8139');
  t.deepEqual(suggestNames('completely-unrelated-name', listDeviceNames('video')), []);
});
