import { listModelDevices } from '../../machines/catalog/model-devices.js';
import { listModelBridges } from '../../machines/catalog/topology.js';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { formatPciAddress } from '../../machines/devices/pci-address.js';
import type { DeviceKind } from '../../machines/devices/types.js';
import { invalidInput } from '../errors/errors.js';

/** Where one device (or bridge) of a model must sit, and what it must say it is. */
export interface ExpectedPlacement {
  /** `nic0`, `nic1`, …, `video`, `storage`; a bridge's id (`br1`). */
  role: string;
  kind: DeviceKind | 'bridge';
  /** QEMU device name (a bridge's type). */
  qemu: string;
  /** `bus:slot.fn` (formatPciAddress), e.g. `00:02.0`, `00:1f.2`, `01:03.0` behind a bridge. */
  address: string;
  /** The bus number of `address` (0: the chipset's root bus). */
  bus: number;
  vendor: string;
  device: string;
  /** PCI class code, 4 hex digits. */
  pciClass: string;
  /** True for a controller built into the chipset (no `-device` of ours). */
  builtin: boolean;
  /** For a bridge: the number the firmware gives the bus behind it (`numberBuses`). */
  secondaryBus?: number;
}

/**
 * Lists every device of a model, then its bridges, with the PCI address and ids the model and
 * the registries declare. Pure.
 */
export function listExpectedPlacements(model: HardwareModel): ExpectedPlacement[] {
  const devices = listModelDevices(model).map(({ role, entry, spec, address, builtin }): ExpectedPlacement => {
    const qemu = entry.device;
    if (!spec) throw invalidInput(`device of ${role} in model "${model.name}"`, 'a device of the registry', qemu);
    if (!address) throw invalidInput(`slot of ${role} (${qemu}) in model "${model.name}"`, `a slot (${qemu} is not built into ${model.chipset})`, entry.slot);
    return { role, kind: spec.kind, qemu, address: formatPciAddress(address), bus: address.bus, vendor: spec.pci.vendor, device: spec.pci.device, pciClass: spec.pciClass, builtin };
  });
  const bridges = listModelBridges(model).map(({ bridge, spec, address, secondaryBus }): ExpectedPlacement => {
    if (!spec) throw invalidInput(`type of bridge ${bridge.id} in model "${model.name}"`, 'a bridge type of the registry', bridge.type);
    return {
      role: bridge.id, kind: 'bridge', qemu: bridge.type, address: formatPciAddress(address), bus: address.bus,
      vendor: spec.pci.vendor, device: spec.pci.device, pciClass: spec.pciClass, builtin: false, secondaryBus,
    };
  });
  return [...devices, ...bridges];
}
