import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { buildQemuArgs } from '../../../harness/qemu/build-args.js';
import { UsageError } from '../../../harness/errors/errors.js';
import type { QemuArgsInput } from '../../../harness/qemu/types.js';

const byName = (name: string): HardwareModel => hardwareCatalog.find((model) => model.name === name) as HardwareModel;

function input(model: HardwareModel): QemuArgsInput {
  return {
    name: model.name, model, disks: [{ path: '/lab/disk.img', format: 'raw' }],
    boot: { kind: 'kernel', kernel: '/lab/vmlinux', initrd: '/lab/loader.img', append: 'console=ttyS0' },
    channels: { consoleLog: '/lab/console.log', agentLog: '/lab/agent.log', qmpSocket: '/lab/qmp.sock' },
    macSeed: 'seed', accel: 'tcg', confinement: { sandbox: false, why: { sandbox: 'test', runAs: 'test' } },
  };
}

/** Every `-device` value, MACs left out (they are derived from the seed). */
const devices = (model: HardwareModel): string[] => {
  const { args } = buildQemuArgs(input(model));
  return args.flatMap((arg, index) => (arg === '-device' ? [(args[index + 1] ?? '').replace(/,mac=[0-9a-f:]+/, '')] : []));
};

test('bridged pc: bridges come before their children, parents before children, each child names its bridge', (t) => {
  const model: HardwareModel = {
    ...byName('desktop-e1000'),
    // Listed children first, on purpose: the argv must still create the parents first.
    bridges: [{ id: 'br2', type: 'pci-bridge', bus: 'br1', slot: 7 }, { id: 'br1', type: 'pci-bridge', slot: 8 }],
    nics: [{ device: 'e1000', bus: 'br1', slot: 3 }, { device: 'e1000', bus: 'br2', slot: 3 }],
    storage: { device: 'lsi53c895a', bus: 'br1', slot: 5 },
  };
  t.deepEqual(devices(model), [
    'pci-bridge,id=br1,chassis_nr=2,bus=pci.0,addr=0x08',
    'pci-bridge,id=br2,chassis_nr=1,bus=br1,addr=0x07',
    'e1000,id=nic0,netdev=net0,bus=br1,addr=0x03',
    'e1000,id=nic1,netdev=net1,bus=br2,addr=0x03',
    'VGA,id=video0,addr=0x04',
    'lsi53c895a,id=stor0,bus=br1,addr=0x05',
    'scsi-hd,id=disk0dev,bus=stor0.0,drive=disk0',
  ]);
});

test('root ports on q35: one PCI Express device each at slot 0, a pcie-pci-bridge for a conventional card', (t) => {
  const model: HardwareModel = {
    ...byName('workstation-nvme'),
    bridges: [
      { id: 'rp1', type: 'pcie-root-port', slot: 0x10 },
      { id: 'rp2', type: 'pcie-root-port', slot: 0x11, chassis: 7 },
      { id: 'pb1', type: 'pcie-pci-bridge', bus: 'rp2', slot: 0 },
    ],
    nics: [{ device: 'e1000e', slot: 2 }, { device: 'rtl8139', bus: 'pb1', slot: 1 }],
    storage: { device: 'nvme', bus: 'rp1', slot: 0 },
  };
  t.deepEqual(devices(model), [
    'pcie-root-port,id=rp1,chassis=1,slot=1,bus=pcie.0,addr=0x10',
    'pcie-root-port,id=rp2,chassis=7,slot=7,bus=pcie.0,addr=0x11',
    'pcie-pci-bridge,id=pb1,bus=rp2,addr=0x00',
    'e1000e,id=nic0,netdev=net0,addr=0x02',
    'rtl8139,id=nic1,netdev=net1,bus=pb1,addr=0x01',
    'VGA,id=video0,addr=0x01',
    'nvme,id=stor0,bus=rp1,addr=0x00,drive=disk0,serial=clonelab0',
  ]);
});

test('a topology QEMU or the guest would refuse stops before any argv', (t) => {
  const model: HardwareModel = { ...byName('workstation-nvme'), bridges: [{ id: 'rp1', type: 'pcie-root-port', slot: 0x10 }], storage: { device: 'nvme', bus: 'rp1', slot: 2 } };
  t.throws(() => buildQemuArgs(input(model)), { instanceOf: UsageError, message: /a root port has one device, at slot 0x00/ });
});

test('a model without bridges gets the argv it always had: no bus= anywhere', (t) => {
  for (const model of hardwareCatalog) t.false(devices(model).some((device) => /(^|,)bus=(pci|br|rp)/.test(device)), model.name);
});
