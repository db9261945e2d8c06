import type { DeviceSpec } from './types.js';

/** Video cards. Evidence: machines/README.md, "Video cards". */
export const videoCards: DeviceSpec[] = [
  {
    qemu: 'VGA', kind: 'video', product: 'Bochs/QEMU standard VGA', pci: { vendor: '1234', device: '1111' },
    pciClass: '0300', driver: 'bochs-drm', modules: ['bochs'], chipsets: ['pc', 'q35'], incompatibilities: [],
  },
  {
    qemu: 'cirrus-vga', kind: 'video', product: 'Cirrus Logic GD5446', pci: { vendor: '1013', device: '00b8' },
    pciClass: '0300', driver: 'cirrus', modules: ['cirrus'], chipsets: ['pc', 'q35'], incompatibilities: [],
  },
  {
    qemu: 'qxl-vga', kind: 'video', product: 'Red Hat QXL', pci: { vendor: '1b36', device: '0100' },
    pciClass: '0300', driver: 'qxl', modules: ['qxl'], chipsets: ['pc', 'q35'], incompatibilities: [],
  },
  {
    qemu: 'virtio-vga', kind: 'video', product: 'virtio GPU with VGA', pci: { vendor: '1af4', device: '1050' },
    pciClass: '0300', driver: 'virtio-pci', functionDriver: 'virtio_gpu', modules: ['virtio_pci', 'virtio-gpu'],
    chipsets: ['pc', 'q35'], pcie: true, incompatibilities: [],
  },
  {
    qemu: 'vmware-svga', kind: 'video', product: 'VMware SVGA II', pci: { vendor: '15ad', device: '0405' },
    pciClass: '0300', driver: 'vmwgfx', modules: ['vmwgfx'], chipsets: ['pc', 'q35'], incompatibilities: [],
    knownIssue: {
      symptom: 'problem-10',
      evidence: 'vmwgfx probe fails with -38 "Hardware has no pitchlock": QEMU\'s SVGA II emulation is too limited for vmwgfx',
    },
  },
];
