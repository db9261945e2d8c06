import type { HardwareModel } from './types.js';

// The base every model builds on: its chipset (QEMU machine type), 1 CPU and 256 MiB (RAM size
// makes no measurable difference to a boot: machines/README.md). Desktops and servers alike.
const onI440fx = { chipset: 'pc', cpus: 1, memoryMiB: 256 } as const;
const onQ35 = { chipset: 'q35', cpus: 1, memoryMiB: 256 } as const;

/**
 * The built-in hardware catalog. `desktop-e1000` is the reference install model; several
 * models differ from it in exactly one thing, as the field sees it (NIC slot, NIC chip
 * revision, storage controller, video card).
 */
export const hardwareCatalog: readonly HardwareModel[] = [
  {
    name: 'desktop-e1000', ...onI440fx,
    purpose: 'Reference install model: i440FX desktop, PIIX3 IDE, Intel e1000 in slot 2, standard VGA',
    nics: [{ device: 'e1000', slot: 2 }], video: { device: 'VGA', slot: 4 }, storage: { device: 'piix3-ide' },
  },
  {
    name: 'desktop-e1000-slot3', ...onI440fx,
    purpose: 'desktop-e1000 with the same NIC moved from slot 2 to slot 3',
    nics: [{ device: 'e1000', slot: 3 }], video: { device: 'VGA', slot: 4 }, storage: { device: 'piix3-ide' },
  },
  {
    name: 'desktop-rtl8139', ...onI440fx,
    purpose: 'desktop-e1000 with a Realtek RTL8139C+ (driven by 8139cp) instead of the e1000',
    nics: [{ device: 'rtl8139', slot: 2 }], video: { device: 'VGA', slot: 4 }, storage: { device: 'piix3-ide' },
  },
  {
    name: 'desktop-rtl8139-oldrev', ...onI440fx,
    purpose: 'desktop-rtl8139 whose image was made for the older RTL8139 chip revision: install records 8139too',
    nics: [{ device: 'rtl8139', slot: 2, installDriver: '8139too' }], video: { device: 'VGA', slot: 4 },
    storage: { device: 'piix3-ide' },
  },
  {
    name: 'desktop-lsi', ...onI440fx,
    purpose: 'desktop-e1000 with the disk on an LSI 53C895A SCSI card in slot 5 instead of PIIX3 IDE',
    nics: [{ device: 'e1000', slot: 2 }], video: { device: 'VGA', slot: 4 }, storage: { device: 'lsi53c895a', slot: 5 },
  },
  {
    name: 'desktop-cirrus', ...onI440fx,
    purpose: 'desktop-e1000 with a Cirrus GD5446 video card instead of the standard VGA',
    nics: [{ device: 'e1000', slot: 2 }], video: { device: 'cirrus-vga', slot: 4 }, storage: { device: 'piix3-ide' },
  },
  {
    name: 'desktop-ahci', ...onI440fx,
    purpose: 'desktop-e1000 with the disk on an add-on AHCI SATA card in slot 5',
    nics: [{ device: 'e1000', slot: 2 }], video: { device: 'VGA', slot: 4 }, storage: { device: 'ahci', slot: 5 },
  },
  {
    name: 'server-megasas', ...onI440fx,
    purpose: 'i440FX server: MegaRAID SAS 1078, AMD PCnet NIC, QXL video',
    nics: [{ device: 'pcnet', slot: 2 }], video: { device: 'qxl-vga', slot: 4 }, storage: { device: 'megasas', slot: 5 },
  },
  {
    name: 'server-megasas-gen2', ...onQ35,
    purpose: 'Q35 server: MegaRAID SAS 2108, Intel 82574L (e1000e), standard VGA',
    nics: [{ device: 'e1000e', slot: 2 }], video: { device: 'VGA', slot: 1 }, storage: { device: 'megasas-gen2', slot: 5 },
  },
  {
    name: 'server-mptsas', ...onI440fx,
    purpose: 'i440FX server on an LSI SAS1068 (Linux 6.1 finds no disk behind it), NE2000 PCI NIC, Cirrus video',
    nics: [{ device: 'ne2k_pci', slot: 2 }], video: { device: 'cirrus-vga', slot: 4 }, storage: { device: 'mptsas1068', slot: 5 },
  },
  {
    name: 'cloud-virtio-blk', ...onQ35,
    purpose: 'Q35 cloud VM: virtio-blk disk, virtio-net NIC, virtio-vga',
    nics: [{ device: 'virtio-net-pci', slot: 2 }], video: { device: 'virtio-vga', slot: 1 },
    storage: { device: 'virtio-blk-pci', slot: 5 },
  },
  {
    name: 'cloud-virtio-scsi', ...onI440fx,
    purpose: 'i440FX cloud VM: virtio-scsi disk, virtio-net NIC, standard VGA',
    nics: [{ device: 'virtio-net-pci', slot: 2 }], video: { device: 'VGA', slot: 4 },
    storage: { device: 'virtio-scsi-pci', slot: 5 },
  },
  {
    name: 'esx-pvscsi', ...onI440fx,
    purpose: 'VMware-style VM: PVSCSI disk, VMXNET3 NIC, SVGA II video (vmwgfx cannot drive it)',
    nics: [{ device: 'vmxnet3', slot: 2 }], video: { device: 'vmware-svga', slot: 4 }, storage: { device: 'pvscsi', slot: 5 },
  },
  {
    name: 'legacy-am53c974', ...onI440fx,
    purpose: '1990s workstation: AMD Am53C974 SCSI, Intel 82559ER NIC, Cirrus video',
    nics: [{ device: 'i82559er', slot: 2 }], video: { device: 'cirrus-vga', slot: 4 }, storage: { device: 'am53c974', slot: 5 },
  },
  {
    name: 'legacy-dc390', ...onI440fx,
    purpose: '1990s workstation: Tekram DC-390 SCSI, DEC Tulip NIC, standard VGA',
    nics: [{ device: 'tulip', slot: 2 }], video: { device: 'VGA', slot: 4 }, storage: { device: 'dc390', slot: 5 },
  },
  {
    name: 'workstation-q35-ahci', ...onQ35,
    purpose: 'Q35 workstation: built-in ICH9 AHCI at 1f.2, Intel 82574L (e1000e), QXL video',
    nics: [{ device: 'e1000e', slot: 2 }], video: { device: 'qxl-vga', slot: 1 }, storage: { device: 'ahci' },
  },
  {
    name: 'workstation-nvme', ...onQ35,
    purpose: 'Q35 workstation: NVMe disk, Intel 82574L (e1000e), standard VGA',
    nics: [{ device: 'e1000e', slot: 2 }], video: { device: 'VGA', slot: 1 }, storage: { device: 'nvme', slot: 5 },
  },
];
