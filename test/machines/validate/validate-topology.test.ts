import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { validateModel } from '../../../machines/validate/validate-model.js';

// What QEMU (7.2) or the guest (Linux 6.1) would refuse or never see, refused before any VM:
// machines/README.md, "PCI topology", says which of these QEMU itself refuses and which it starts.

const pc = hardwareCatalog.find((model) => model.name === 'desktop-e1000') as HardwareModel;
const q35 = hardwareCatalog.find((model) => model.name === 'workstation-nvme') as HardwareModel;
const bridged: HardwareModel = { ...pc, bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }], nics: [{ device: 'e1000', bus: 'br1', slot: 3 }] };
const rooted: HardwareModel = { ...q35, bridges: [{ id: 'rp1', type: 'pcie-root-port', slot: 0x10 }], storage: { device: 'nvme', bus: 'rp1', slot: 0 } };

/** Validates a model and returns its one problem. */
function problemOf(model: HardwareModel): { field: string; message: string } {
  const problems = validateModel(model);
  if (problems.length !== 1) throw new Error(`expected one problem, got ${JSON.stringify(problems)}`);
  return problems[0] as { field: string; message: string };
}

test('valid topologies: e1000 behind a pci-bridge on pc, nvme behind a root port and e1000 behind a pcie-pci-bridge on q35, nested bridges', (t) => {
  t.deepEqual(validateModel(bridged), []);
  t.deepEqual(validateModel(rooted), []);
  t.deepEqual(validateModel({
    ...rooted,
    bridges: [...rooted.bridges ?? [], { id: 'rp2', type: 'pcie-root-port', slot: 0x11 }, { id: 'pb1', type: 'pcie-pci-bridge', bus: 'rp2', slot: 0 }, { id: 'pb2', type: 'pcie-pci-bridge', slot: 0x12 }],
    nics: [{ device: 'e1000', bus: 'pb1', slot: 0 }, { device: 'e1000', bus: 'pb1', slot: 0x1f }, { device: 'rtl8139', bus: 'pb2', slot: 5 }],
  }), []);
  t.deepEqual(validateModel({
    ...bridged, bridges: [...bridged.bridges ?? [], { id: 'br2', type: 'pci-bridge', bus: 'br1', slot: 7 }], video: { device: 'VGA', bus: 'br2', slot: 0 },
  }), [], 'a pci-bridge behind a pci-bridge; slot 0 of a bridge\'s bus is free');
});

test('two devices at one address behind a bridge', (t) => {
  const problem = problemOf({ ...bridged, nics: [{ device: 'e1000', bus: 'br1', slot: 3 }, { device: 'rtl8139', bus: 'br1', slot: 3 }] });
  t.is(problem.field, 'nics[1].slot');
  t.regex(problem.message, /Two devices in slot 0x03 of bus br1: "e1000" and "rtl8139"/);
  t.deepEqual(validateModel({ ...bridged, nics: [{ device: 'e1000', bus: 'br1', slot: 3 }, { device: 'e1000', slot: 3 }] }), [], 'slot 3 of bus 0 is another address');
});

test('a device on the slot a bridge takes', (t) => {
  const problem = problemOf({ ...bridged, video: { device: 'VGA', slot: 8 } });
  t.is(problem.field, 'video.slot');
  t.regex(problem.message, /Two devices in slot 0x08: pci-bridge "br1" and "VGA"/);
});

test('a device behind a missing bridge names the bridges there are', (t) => {
  const problem = problemOf({ ...bridged, nics: [{ device: 'e1000', bus: 'br2', slot: 3 }] });
  t.is(problem.field, 'nics[0].bus');
  t.regex(problem.message, /No bridge "br2" in this model: expected one of the model's bridges \(br1\) \(did you mean br1\?\), got "br2"/);
  t.regex(problemOf({ ...pc, nics: [{ device: 'e1000', bus: 'br1', slot: 3 }] }).message, /it has none: add one to `bridges`/);
});

test('slot out of range on a bridge\'s bus', (t) => {
  const problem = problemOf({ ...bridged, nics: [{ device: 'e1000', bus: 'br1', slot: 0x20 }] });
  t.is(problem.field, 'nics[0].slot');
  t.regex(problem.message, /Slot of "e1000" is out of range: expected an integer from 0x00 to 0x1f, got 32/);
});

test('a root port has one device, at slot 0', (t) => {
  const problem = problemOf({ ...rooted, storage: { device: 'nvme', bus: 'rp1', slot: 1 } });
  t.is(problem.field, 'storage.slot');
  t.regex(problem.message, /Slot 0x01 of "nvme" behind pcie-root-port "rp1": a root port has one device, at slot 0x00; expected 0, got 1/);
  const second = problemOf({ ...rooted, nics: [{ device: 'e1000e', bus: 'rp1', slot: 0 }] });
  t.is(second.field, 'storage.slot');
  t.regex(second.message, /Two devices in slot 0x00 of bus rp1: "e1000e" and "nvme"/);
});

test('a conventional PCI device where only PCI Express fits (a root port)', (t) => {
  const problem = problemOf({ ...rooted, storage: { device: 'lsi53c895a', bus: 'rp1', slot: 0 } });
  t.is(problem.field, 'storage.device');
  t.regex(problem.message, /"lsi53c895a" is a conventional PCI device; pcie-root-port "rp1" takes PCI Express devices only \(megasas-gen2, virtio-scsi-pci, pvscsi, nvme, virtio-blk-pci\): put it behind a pcie-pci-bridge/);
  t.regex(problemOf({ ...rooted, nics: [{ device: 'e1000', bus: 'rp1', slot: 0 }], storage: { device: 'nvme', slot: 5 } }).message, /"e1000" is a conventional PCI device.*\(e1000e, virtio-net-pci, vmxnet3\)/);
});

test('reserved slots of the root bus hold no bridge either', (t) => {
  const problem = problemOf({ ...pc, bridges: [{ id: 'br1', type: 'pci-bridge', slot: 1 }] });
  t.is(problem.field, 'bridges[0].slot');
  t.regex(problem.message, /Slot 0x01 of pci-bridge "br1" is reserved on pc/);
  t.regex(problemOf({ ...q35, bridges: [{ id: 'rp1', type: 'pcie-root-port', slot: 0x1f }] }).message, /Slot 0x1f of pcie-root-port "rp1" is reserved on q35/);
});

test('a bridge type the chipset does not have', (t) => {
  const onPc = problemOf({ ...pc, bridges: [{ id: 'rp1', type: 'pcie-root-port', slot: 8 }] });
  t.is(onPc.field, 'bridges[0].type');
  t.regex(onPc.message, /The pc chipset has no pcie-root-port: i440FX is conventional PCI, its bridge is pci-bridge; got "pcie-root-port"/);
  t.regex(problemOf({ ...q35, bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }] }).message, /The q35 chipset has no pci-bridge: .*pcie-pci-bridge/);
  t.regex(problemOf({ ...pc, bridges: [{ id: 'b', type: 'cardbus' as 'pci-bridge', slot: 8 }] }).message, /Unknown bridge type "cardbus"; expected one of pci-bridge, pcie-root-port, pcie-pci-bridge/);
});

test('a bridge where its type cannot sit: a root port behind a root port, a pcie-pci-bridge behind a pcie-pci-bridge', (t) => {
  const portOnPort = problemOf({ ...rooted, bridges: [...rooted.bridges ?? [], { id: 'rp2', type: 'pcie-root-port', bus: 'rp1', slot: 0 }], storage: { device: 'nvme', slot: 5 } });
  t.is(portOnPort.field, 'bridges[1].bus');
  t.regex(portOnPort.message, /A pcie-root-port sits on bus 0; got "rp1" \(a pcie-root-port\)/);
  const nested = problemOf({ ...q35, bridges: [{ id: 'pb1', type: 'pcie-pci-bridge', slot: 8 }, { id: 'pb2', type: 'pcie-pci-bridge', bus: 'pb1', slot: 3 }] });
  t.regex(nested.message, /A pcie-pci-bridge sits on bus 0 or a pcie-root-port; got "pb1" \(a pcie-pci-bridge\)/);
});

test('a loop of bridges never reaches bus 0', (t) => {
  const problems = validateModel({ ...pc, bridges: [{ id: 'a', type: 'pci-bridge', bus: 'b', slot: 3 }, { id: 'b', type: 'pci-bridge', bus: 'a', slot: 3 }] });
  t.deepEqual(problems.map((problem) => problem.field), ['bridges[0].bus', 'bridges[1].bus']);
  t.regex(problems[0]?.message ?? '', /Bridge "a" sits behind "b", which never reaches bus 0 \(a loop of bridges\)/);
});

test('bridge ids: unique, well-formed, not one of the lab\'s own device ids', (t) => {
  const twice = problemOf({ ...pc, bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }, { id: 'br1', type: 'pci-bridge', slot: 9 }] });
  t.is(twice.field, 'bridges[1].id');
  t.regex(twice.message, /Two bridges are named "br1"/);
  for (const id of ['nic0', 'stor0', '1br', 'Br1', 'br_1']) t.is(problemOf({ ...pc, bridges: [{ id, type: 'pci-bridge', slot: 8 }] }).field, 'bridges[0].id', id);
});

test('chassis numbers: 1 to 255, unique, none on a pcie-pci-bridge', (t) => {
  const twice = problemOf({ ...pc, bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8, chassis: 3 }, { id: 'br2', type: 'pci-bridge', slot: 9, chassis: 3 }] });
  t.is(twice.field, 'bridges[1].chassis');
  t.regex(twice.message, /Bridges "br1" and "br2" have one chassis number, 3/);
  t.regex(problemOf({ ...pc, bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8, chassis: 0 }] }).message, /Chassis number must be an integer from 1 to 255, got 0/);
  t.regex(problemOf({ ...q35, bridges: [{ id: 'pb', type: 'pcie-pci-bridge', slot: 8, chassis: 2 }] }).message, /A pcie-pci-bridge has no chassis number; expected none, got 2/);
});

test('a controller built into the chipset sits on no bridge', (t) => {
  const problem = problemOf({ ...bridged, storage: { device: 'piix3-ide', bus: 'br1' } });
  t.is(problem.field, 'storage.bus');
  t.regex(problem.message, /"piix3-ide" is built into the pc chipset at 00:01\.1: expected no bus, got "br1"/);
});

test('a NIC\'s install driver must be one the driver store holds', (t) => {
  const problem = problemOf({ ...pc, nics: [{ device: 'rtl8139', slot: 2, installDriver: '8139to' }] });
  t.is(problem.field, 'nics[0].installDriver');
  t.regex(problem.message, /"8139to" is not a driver the guest's driver store holds.*did you mean 8139too/);
});
