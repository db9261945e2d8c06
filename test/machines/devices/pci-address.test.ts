import test from 'ava';
import { listModelDevices } from '../../../machines/catalog/model-devices.js';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import { formatPciAddress, formatSlot } from '../../../machines/devices/pci-address.js';

test('addresses are written bus:slot.fn in hex, as the guest writes them', (t) => {
  t.is(formatPciAddress({ bus: 0, slot: 2, fn: 0 }), '00:02.0');
  t.is(formatPciAddress({ bus: 0, slot: 0x1f, fn: 2 }), '00:1f.2');
  t.is(formatPciAddress({ bus: 1, slot: 0, fn: 0 }), '01:00.0');
});

test('a slot alone is written as QEMU\'s addr= property takes it', (t) => {
  t.is(formatSlot(5), '0x05');
  t.is(formatSlot(0x1f), '0x1f');
});

test('every device of a model gets its address: the model\'s slot on bus 0, or the chipset\'s own for a built-in controller', (t) => {
  const byName = (name: string) => hardwareCatalog.find((model) => model.name === name)!;
  const addresses = (name: string) => listModelDevices(byName(name)).map((device) => `${device.role}=${device.entry.device}@${device.address ? formatPciAddress(device.address) : '?'}${device.builtin ? '*' : ''}`);
  t.deepEqual(addresses('desktop-e1000-slot3'), ['nic0=e1000@00:03.0', 'video=VGA@00:04.0', 'storage=piix3-ide@00:01.1*']);
  t.deepEqual(addresses('workstation-q35-ahci'), ['nic0=e1000e@00:02.0', 'video=qxl-vga@00:01.0', 'storage=ahci@00:1f.2*']);
  const unknown = listModelDevices({ ...byName('desktop-e1000'), storage: { device: 'no-such-controller' } });
  t.like(unknown[2], { role: 'storage', builtin: true, spec: undefined, address: undefined });
});
