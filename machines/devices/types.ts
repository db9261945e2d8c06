/** Typed description of the PCI devices the lab can put into a hardware model. */

/** The chipsets (QEMU machine types) the lab supports. */
export const chipsets = ['pc', 'q35'] as const;
/** One chipset: `pc` (i440FX, conventional PCI) or `q35` (Q35, PCI Express). */
export type Chipset = (typeof chipsets)[number];

/** Where a PCI function sits (`bus:slot.fn`, written by `formatPciAddress`). */
export interface PciAddress {
  bus: number;
  /** The device number on its bus (0x00–0x1f). */
  slot: number;
  /** The function number (0–7). */
  fn: number;
}

/** What a device is for. */
export type DeviceKind = 'nic' | 'video' | 'storage';

/** How a storage controller carries the system disk. */
export type DiskAttachment =
  | { kind: 'scsi' } // a SCSI HBA: scsi-hd on its bus 0
  | { kind: 'ide-bus' } // an IDE/AHCI controller: ide-hd on its first port
  | { kind: 'inline' }; // the controller is the disk (nvme, virtio-blk)

/** A driver that is known not to work with a device, with the evidence. */
export interface Incompatibility {
  /** The Linux driver (module) that fails. */
  driver: string;
  /** What is observed (the problem code the reference guest reports). */
  symptom: 'problem-10' | 'no-disk' | 'no-interface';
  /** What was seen, and where (machines/README.md). */
  evidence: string;
}

/** One PCI function the lab supports. */
export interface DeviceSpec {
  /** QEMU `-device` name. */
  qemu: string;
  kind: DeviceKind;
  /** A human label: the product the emulation stands for. */
  product: string;
  /** PCI vendor and device id, lower-case hex without 0x (as `query-pci` proves them). */
  pci: { vendor: string; device: string };
  /** PCI class code, 4 hex digits (class + subclass). */
  pciClass: string;
  /** The Linux driver expected to bind at PCI level (`/sys/bus/pci/devices/X/driver`). */
  driver: string;
  /** For virtio devices: the function-level driver under `virtioN/driver`. */
  functionDriver?: string;
  /** The modules to load, in order, to drive the device (dependencies are resolved by modprobe). */
  modules: string[];
  /** Module parameters that make the device faster to start (SCSI bus settle times). */
  moduleParams?: string[];
  /** Chipsets that accept the device. */
  chipsets: Chipset[];
  /**
   * QEMU's device implements PCI Express (`qom-list-types implements=pci-express-device`), so it
   * may sit on a `pcie-root-port`. Absent: a conventional PCI device (bus 0 or a PCI bridge only).
   */
  pcie?: boolean;
  /** For devices built into a chipset: the address where they always sit. */
  builtin?: Partial<Record<Chipset, PciAddress>>;
  /** For storage controllers: how the system disk hangs off it. */
  disk?: DiskAttachment;
  /** Extra `-device` properties QEMU needs (e.g. nvme's serial). */
  extraProps?: Record<string, string>;
  /** Drivers that are known not to work, with evidence. */
  incompatibilities: Incompatibility[];
  /** Known limitation of the emulation itself (the expected driver binds but the device is unusable). */
  knownIssue?: { symptom: 'problem-10' | 'stop-0x7b'; evidence: string };
}
