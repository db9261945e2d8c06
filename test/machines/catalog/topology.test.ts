import test from 'ava';
import { listModelDevices } from '../../../machines/catalog/model-devices.js';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import { assignChassis, listModelBridges, numberBuses, rootBusName } from '../../../machines/catalog/topology.js';
import type { Bridge, HardwareModel } from '../../../machines/catalog/types.js';
import { formatPciAddress } from '../../../machines/devices/pci-address.js';

const pc = hardwareCatalog.find((model) => model.name === 'desktop-e1000') as HardwareModel;
const q35 = hardwareCatalog.find((model) => model.name === 'workstation-nvme') as HardwareModel;

// The topologies measured on QEMU 7.2 + SeaBIOS + Linux 6.1 (machines/README.md, "PCI topology"):
// the sysfs paths the guest showed are the expected bus numbers here.
const pcBridges: Bridge[] = [
  { id: 'br1', type: 'pci-bridge', slot: 8 },
  { id: 'br2', type: 'pci-bridge', slot: 5 },
  { id: 'br3', type: 'pci-bridge', bus: 'br1', slot: 7 },
];
const q35Bridges: Bridge[] = [
  { id: 'rp1', type: 'pcie-root-port', slot: 0x10 },
  { id: 'rp2', type: 'pcie-root-port', slot: 3 },
  { id: 'pb1', type: 'pcie-pci-bridge', bus: 'rp2', slot: 0 },
  { id: 'rp3', type: 'pcie-root-port', slot: 0x11 },
  { id: 'pb2', type: 'pcie-pci-bridge', slot: 0x12 },
];

test('buses are numbered as the firmware does: depth first, slot by slot, whatever the model\'s order', (t) => {
  // Measured: br2 (00:05) → bus 1, br1 (00:08) → bus 2, br3 behind br1 → bus 3.
  t.deepEqual(Object.fromEntries(numberBuses({ bridges: pcBridges })), { br2: 1, br1: 2, br3: 3 });
  // Measured: rp2 (00:03) → 1, pb1 behind it → 2, rp1 (00:10) → 3, rp3 (00:11) → 4, pb2 (00:12) → 5.
  t.deepEqual(Object.fromEntries(numberBuses({ bridges: q35Bridges })), { rp2: 1, pb1: 2, rp1: 3, rp3: 4, pb2: 5 });
  t.deepEqual(numberBuses({}), new Map());
});

test('bridges that never reach bus 0 (a missing parent, a loop) get no number', (t) => {
  const numbers = numberBuses({ bridges: [
    { id: 'ok', type: 'pci-bridge', slot: 3 },
    { id: 'orphan', type: 'pci-bridge', bus: 'nowhere', slot: 1 },
    { id: 'a', type: 'pci-bridge', bus: 'b', slot: 1 },
    { id: 'b', type: 'pci-bridge', bus: 'a', slot: 1 },
  ] });
  t.deepEqual(Object.fromEntries(numbers), { ok: 1 });
});

test('bridges are listed parents first with their own address, their bus number and chassis', (t) => {
  const listed = listModelBridges({ bridges: q35Bridges }).map((entry) => `${entry.bridge.id}@${formatPciAddress(entry.address)}→${entry.secondaryBus}${entry.chassis === undefined ? '' : ` chassis ${entry.chassis}`}`);
  t.deepEqual(listed, ['rp2@00:03.0→1 chassis 2', 'pb1@01:00.0→2', 'rp1@00:10.0→3 chassis 1', 'rp3@00:11.0→4 chassis 3', 'pb2@00:12.0→5']);
});

test('chassis numbers: a bridge\'s own, else the lowest free one; pcie-pci-bridge has none', (t) => {
  const chassis = assignChassis({ bridges: [
    { id: 'a', type: 'pci-bridge', slot: 3 },
    { id: 'b', type: 'pci-bridge', slot: 4, chassis: 1 },
    { id: 'c', type: 'pci-bridge', slot: 5 },
  ] });
  t.deepEqual(Object.fromEntries(chassis), { a: 2, b: 1, c: 3 });
  t.deepEqual(assignChassis({ bridges: [{ id: 'pb', type: 'pcie-pci-bridge', slot: 3 }] }), new Map());
});

test('devices behind bridges get the address the guest sees: the bridge\'s bus number, their slot', (t) => {
  const model: HardwareModel = {
    ...pc, bridges: pcBridges,
    nics: [{ device: 'e1000', bus: 'br1', slot: 3 }, { device: 'rtl8139', bus: 'br2', slot: 1 }, { device: 'e1000', bus: 'br3', slot: 2 }, { device: 'e1000', slot: 2 }],
  };
  t.deepEqual(listModelDevices(model).map((device) => `${device.role}@${device.address ? formatPciAddress(device.address) : '?'}`),
    ['nic0@02:03.0', 'nic1@01:01.0', 'nic2@03:02.0', 'nic3@00:02.0', 'video@00:04.0', 'storage@00:01.1']);
  const rooted: HardwareModel = { ...q35, bridges: [{ id: 'rp1', type: 'pcie-root-port', slot: 0x10 }], storage: { device: 'nvme', bus: 'rp1', slot: 0 } };
  t.like(listModelDevices(rooted)[2], { role: 'storage', address: { bus: 1, slot: 0, fn: 0 }, builtin: false });
  const missing = listModelDevices({ ...pc, nics: [{ device: 'e1000', bus: 'nope', slot: 3 }] });
  t.is(missing[0]?.address, undefined, 'a device behind a missing bridge has no address (validateModel says why)');
});

test('the root bus is pci.0 on pc and pcie.0 on q35', (t) => {
  t.is(rootBusName('pc'), 'pci.0');
  t.is(rootBusName('q35'), 'pcie.0');
});
