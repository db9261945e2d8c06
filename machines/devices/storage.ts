import type { DeviceSpec } from './types.js';

const scsi = { kind: 'scsi' } as const;

/** Storage controllers. Evidence: machines/README.md, "Storage controllers". */
export const storageControllers: DeviceSpec[] = [
  {
    qemu: 'lsi53c895a', kind: 'storage', product: 'LSI 53C895A Ultra2 SCSI', pci: { vendor: '1000', device: '0012' },
    pciClass: '0100', driver: 'sym53c8xx', modules: ['sym53c8xx'], moduleParams: ['sym53c8xx.settle=0'],
    chipsets: ['pc', 'q35'], disk: scsi, incompatibilities: [],
  },
  {
    qemu: 'megasas', kind: 'storage', product: 'LSI MegaRAID SAS 1078', pci: { vendor: '1000', device: '0060' },
    pciClass: '0104', driver: 'megaraid_sas', modules: ['megaraid_sas'], chipsets: ['pc', 'q35'], disk: scsi,
    incompatibilities: [],
  },
  {
    qemu: 'megasas-gen2', kind: 'storage', product: 'LSI MegaRAID SAS 2108', pci: { vendor: '1000', device: '0079' },
    pciClass: '0104', driver: 'megaraid_sas', modules: ['megaraid_sas'], chipsets: ['pc', 'q35'], pcie: true, disk: scsi,
    incompatibilities: [],
  },
  {
    qemu: 'mptsas1068', kind: 'storage', product: 'LSI SAS1068', pci: { vendor: '1000', device: '0054' },
    pciClass: '0100', driver: 'mptsas', modules: ['mptsas'], chipsets: ['pc', 'q35'], disk: scsi,
    incompatibilities: [],
    knownIssue: {
      symptom: 'stop-0x7b',
      evidence: 'mptsas binds and registers 8 SAS phys, but Linux 6.1 never creates the SCSI disk on QEMU 7.2 (waited 40 s, pc and q35)',
    },
  },
  {
    qemu: 'virtio-scsi-pci', kind: 'storage', product: 'virtio SCSI', pci: { vendor: '1af4', device: '1004' },
    pciClass: '0100', driver: 'virtio-pci', functionDriver: 'virtio_scsi', modules: ['virtio_pci', 'virtio_scsi'],
    chipsets: ['pc', 'q35'], pcie: true, disk: scsi, incompatibilities: [],
  },
  {
    qemu: 'pvscsi', kind: 'storage', product: 'VMware PVSCSI', pci: { vendor: '15ad', device: '07c0' },
    pciClass: '0100', driver: 'vmw_pvscsi', modules: ['vmw_pvscsi'], chipsets: ['pc', 'q35'], pcie: true, disk: scsi,
    incompatibilities: [],
  },
  {
    qemu: 'am53c974', kind: 'storage', product: 'AMD Am53C974 PCscsi-PCI', pci: { vendor: '1022', device: '2020' },
    pciClass: '0100', driver: 'am53c974', modules: ['am53c974'], moduleParams: ['esp_scsi.esp_bus_reset_settle=0'],
    chipsets: ['pc', 'q35'], disk: scsi, incompatibilities: [],
  },
  {
    qemu: 'dc390', kind: 'storage', product: 'Tekram DC-390 (Am53C974 with EEPROM)', pci: { vendor: '1022', device: '2020' },
    pciClass: '0100', driver: 'am53c974', modules: ['am53c974'], moduleParams: ['esp_scsi.esp_bus_reset_settle=0'],
    chipsets: ['pc', 'q35'], disk: scsi, incompatibilities: [],
  },
  {
    qemu: 'ahci', kind: 'storage', product: 'Intel ICH9 AHCI SATA', pci: { vendor: '8086', device: '2922' },
    pciClass: '0106', driver: 'ahci', modules: ['ahci'], chipsets: ['pc', 'q35'], builtin: { q35: { bus: 0, slot: 0x1f, fn: 2 } },
    disk: { kind: 'ide-bus' }, incompatibilities: [],
  },
  {
    qemu: 'piix3-ide', kind: 'storage', product: 'Intel PIIX3 IDE', pci: { vendor: '8086', device: '7010' },
    pciClass: '0101', driver: 'ata_piix', modules: ['ata_piix'], chipsets: ['pc'], builtin: { pc: { bus: 0, slot: 1, fn: 1 } },
    disk: { kind: 'ide-bus' }, incompatibilities: [],
  },
  {
    qemu: 'nvme', kind: 'storage', product: 'NVM Express controller', pci: { vendor: '1b36', device: '0010' },
    pciClass: '0108', driver: 'nvme', modules: ['nvme'], chipsets: ['pc', 'q35'], pcie: true, disk: { kind: 'inline' },
    extraProps: { serial: 'clonelab0' }, incompatibilities: [],
  },
  {
    qemu: 'virtio-blk-pci', kind: 'storage', product: 'virtio block', pci: { vendor: '1af4', device: '1001' },
    pciClass: '0100', driver: 'virtio-pci', functionDriver: 'virtio_blk', modules: ['virtio_pci', 'virtio_blk'],
    chipsets: ['pc', 'q35'], pcie: true, disk: { kind: 'inline' }, incompatibilities: [],
  },
];
