import type { DeviceSpec } from './types.js';

/** Network cards. Evidence: machines/README.md, "Network cards". */
export const nics: DeviceSpec[] = [
  {
    qemu: 'e1000', kind: 'nic', product: 'Intel 82540EM Gigabit', pci: { vendor: '8086', device: '100e' },
    pciClass: '0200', driver: 'e1000', modules: ['e1000'], chipsets: ['pc', 'q35'], incompatibilities: [],
  },
  {
    qemu: 'e1000e', kind: 'nic', product: 'Intel 82574L Gigabit (PCIe)', pci: { vendor: '8086', device: '10d3' },
    pciClass: '0200', driver: 'e1000e', modules: ['e1000e'], chipsets: ['pc', 'q35'], pcie: true, incompatibilities: [],
  },
  {
    qemu: 'rtl8139', kind: 'nic', product: 'Realtek RTL8139C+', pci: { vendor: '10ec', device: '8139' },
    pciClass: '0200', driver: '8139cp', modules: ['8139cp'], chipsets: ['pc', 'q35'],
    incompatibilities: [{
      driver: '8139too', symptom: 'problem-10',
      evidence: '8139too refuses the C+ chip revision 0x20 that QEMU emulates; 8139cp drives it (same product line, different chip revision)',
    }],
  },
  {
    qemu: 'pcnet', kind: 'nic', product: 'AMD PCnet-PCI II (Am79C970A)', pci: { vendor: '1022', device: '2000' },
    pciClass: '0200', driver: 'pcnet32', modules: ['pcnet32'], chipsets: ['pc', 'q35'], incompatibilities: [],
  },
  {
    qemu: 'ne2k_pci', kind: 'nic', product: 'Realtek RTL8029 (NE2000 PCI)', pci: { vendor: '10ec', device: '8029' },
    pciClass: '0200', driver: 'ne2k-pci', modules: ['ne2k-pci'], chipsets: ['pc', 'q35'], incompatibilities: [],
  },
  {
    qemu: 'virtio-net-pci', kind: 'nic', product: 'virtio network', pci: { vendor: '1af4', device: '1000' },
    pciClass: '0200', driver: 'virtio-pci', functionDriver: 'virtio_net', modules: ['virtio_pci', 'virtio_net'],
    chipsets: ['pc', 'q35'], pcie: true, incompatibilities: [],
  },
  {
    qemu: 'vmxnet3', kind: 'nic', product: 'VMware VMXNET3', pci: { vendor: '15ad', device: '07b0' },
    pciClass: '0200', driver: 'vmxnet3', modules: ['vmxnet3'], chipsets: ['pc', 'q35'], pcie: true, incompatibilities: [],
  },
  {
    qemu: 'i82559er', kind: 'nic', product: 'Intel 82559ER', pci: { vendor: '8086', device: '1209' },
    pciClass: '0200', driver: 'e100', modules: ['e100'], chipsets: ['pc', 'q35'], incompatibilities: [],
  },
  {
    qemu: 'tulip', kind: 'nic', product: 'DEC 21143 Tulip', pci: { vendor: '1011', device: '0019' },
    pciClass: '0200', driver: 'tulip', modules: ['tulip'], chipsets: ['pc', 'q35'], incompatibilities: [],
  },
];
