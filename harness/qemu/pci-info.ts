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
  /** The QEMU device id (`nic0`, `video0`, `stor0`, a bridge's id), empty for chipset devices. */
  qdevId: string;
  /**
   * For a bridge: the number of the bus behind it (`pci_bridge.bus.secondary`). 0 until the
   * firmware numbered it: QEMU then lists nothing behind it.
   */
  secondaryBus?: number;
  /** For a bridge: the highest bus number behind it (`pci_bridge.bus.subordinate`). */
  subordinateBus?: number;
}

interface RawPciDevice {
  bus: number;
  slot: number;
  function: number;
  id: { vendor: number; device: number };
  class_info: { class: number };
  qdev_id?: string;
  pci_bridge?: { bus?: { secondary?: number; subordinate?: number }; devices?: RawPciDevice[] };
}

/**
 * Flattens `query-pci`'s bus list into a list of functions, recursing through bridges: the
 * functions behind a bridge (`pci_bridge.devices`) are on the bus it numbers
 * (`pci_bridge.bus.secondary`).
 */
export function flattenPciInfo(raw: unknown): PciFunction[] {
  if (!Array.isArray(raw)) throw new TypeError(`query-pci returned ${typeof raw}, expected a list of buses`);
  const functions: PciFunction[] = [];
  const visit = (devices: RawPciDevice[] | undefined, bus: number | undefined): void => {
    for (const device of devices ?? []) {
      const number = bus ?? device.bus;
      const bridge = device.pci_bridge?.bus;
      functions.push({
        bus: number, slot: device.slot, function: device.function,
        address: formatPciAddress({ bus: number, slot: device.slot, fn: device.function }),
        vendor: hex(device.id.vendor), device: hex(device.id.device), pciClass: hex(device.class_info.class),
        qdevId: device.qdev_id ?? '',
        ...(bridge ? { secondaryBus: bridge.secondary ?? 0, subordinateBus: bridge.subordinate ?? 0 } : {}),
      });
      // The bus behind a bridge is the number the firmware wrote into the bridge (its secondary bus).
      if (device.pci_bridge) visit(device.pci_bridge.devices, bridge?.secondary);
    }
  };
  for (const bus of raw as Array<{ bus?: number; devices?: RawPciDevice[] }>) visit(bus.devices, bus.bus);
  return functions;
}

/**
 * True once the firmware numbered the bus behind every bridge listed: a secondary bus and a
 * final subordinate one (SeaBIOS writes 0xff there while it numbers what lies behind).
 */
export function busesNumbered(functions: readonly PciFunction[]): boolean {
  return functions.every((fn) => fn.secondaryBus === undefined
    || (fn.secondaryBus > 0 && fn.subordinateBus !== undefined && fn.subordinateBus >= fn.secondaryBus && fn.subordinateBus < 0xff));
}

function hex(value: number): string {
  return value.toString(16).padStart(4, '0');
}
