import { formatPciAddress } from '../../machines/devices/pci-address.js';

/** One PCI function as QEMU's `query-pci` reports it, ids as lower-case hex (as the registry writes them). */
export interface PciFunction {
  bus: number;
  slot: number;
  function: number;
  /** `bus:slot.fn` (formatPciAddress), e.g. `00:01.1`, `01:00.0` behind a bridge. */
  address: string;
  vendor: string;
  device: string;
  /** PCI class code, 4 hex digits (class + subclass). */
  pciClass: string;
  /** The QEMU device id (`nic0`, `video0`, `stor0`), empty for chipset devices. */
  qdevId: string;
}

interface RawPciDevice {
  bus: number;
  slot: number;
  function: number;
  id: { vendor: number; device: number };
  class_info: { class: number };
  qdev_id?: string;
  pci_bridge?: { devices?: RawPciDevice[] };
}

/** Flattens `query-pci`'s bus list (and the buses behind bridges) into a list of functions. */
export function flattenPciInfo(raw: unknown): PciFunction[] {
  if (!Array.isArray(raw)) throw new TypeError(`query-pci returned ${typeof raw}, expected a list of buses`);
  const functions: PciFunction[] = [];
  const visit = (devices: RawPciDevice[] | undefined): void => {
    for (const device of devices ?? []) {
      functions.push({
        bus: device.bus, slot: device.slot, function: device.function,
        address: formatPciAddress({ bus: device.bus, slot: device.slot, fn: device.function }),
        vendor: hex(device.id.vendor), device: hex(device.id.device), pciClass: hex(device.class_info.class),
        qdevId: device.qdev_id ?? '',
      });
      visit(device.pci_bridge?.devices);
    }
  };
  for (const bus of raw as Array<{ devices?: RawPciDevice[] }>) visit(bus.devices);
  return functions;
}

function hex(value: number): string {
  return value.toString(16).padStart(4, '0');
}
