import type { Chipset } from '../devices/types.js';

/** A PCI device placed in a slot of bus 0 (function 0). */
export interface SlottedDevice {
  /** QEMU device name, from the device registry. */
  device: string;
  /** PCI slot on bus 0 (0x00–0x1f). */
  slot: number;
}

/** A network card of a hardware model. */
export interface NicSlot extends SlottedDevice {
  /**
   * `auto` (default): a unique locally administered MAC per VM. A string pins the MAC,
   * like a network-address override that every clone copies.
   */
  mac?: 'auto' | string;
  /**
   * The driver the installed system records for this NIC instead of the registry's:
   * the image was made for another chip revision of the same product line (e.g. `8139too`).
   */
  installDriver?: string;
}

/** The storage controller that carries the system disk. */
export interface StorageSlot {
  device: string;
  /** PCI slot for an add-on controller; omitted for a controller built into the chipset. */
  slot?: number;
}

/** A typed description of one machine of the fleet. */
export interface HardwareModel {
  /** Unique name, kebab-case. */
  name: string;
  /** One line: what this model stands for, and what it differs in. */
  purpose: string;
  chipset: Chipset;
  cpus: number;
  memoryMiB: number;
  nics: NicSlot[];
  video: SlottedDevice;
  storage: StorageSlot;
}
