import { listModelDevices } from '../../machines/catalog/model-devices.js';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { formatPciAddress } from '../../machines/devices/pci-address.js';
import type { DeviceKind } from '../../machines/devices/types.js';
import { invalidInput } from '../errors/errors.js';

/** Where one device of a model must sit, and what it must say it is. */
export interface ExpectedPlacement {
  /** `nic0`, `nic1`, …, `video`, `storage`. */
  role: string;
  kind: DeviceKind;
  /** QEMU device name. */
  qemu: string;
  /** `bus:slot.fn` (formatPciAddress), e.g. `00:02.0`, `00:1f.2`. */
  address: string;
  vendor: string;
  device: string;
  /** PCI class code, 4 hex digits. */
  pciClass: string;
  /** True for a controller built into the chipset (no `-device` of ours). */
  builtin: boolean;
}

/** Lists every device of a model with the PCI address and ids the model and the registry declare. Pure. */
export function listExpectedPlacements(model: HardwareModel): ExpectedPlacement[] {
  return listModelDevices(model).map(({ role, entry, spec, address, builtin }) => {
    const qemu = entry.device;
    if (!spec) throw invalidInput(`device of ${role} in model "${model.name}"`, 'a device of the registry', qemu);
    if (!address) throw invalidInput(`slot of ${role} (${qemu}) in model "${model.name}"`, `a slot (${qemu} is not built into ${model.chipset})`, entry.slot);
    return { role, kind: spec.kind, qemu, address: formatPciAddress(address), vendor: spec.pci.vendor, device: spec.pci.device, pciClass: spec.pciClass, builtin };
  });
}
