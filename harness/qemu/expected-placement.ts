import type { HardwareModel } from '../../machines/catalog/types.js';
import { findDevice } from '../../machines/devices/registry.js';
import type { DeviceKind } from '../../machines/devices/types.js';
import { invalidInput } from '../errors/errors.js';
import { formatPosition } from './pci-info.js';

/** Where one device of a model must sit on PCI bus 0, and what it must say it is. */
export interface ExpectedPlacement {
  /** `nic0`, `nic1`, …, `video`, `storage`. */
  role: string;
  kind: DeviceKind;
  /** QEMU device name. */
  qemu: string;
  /** `slot.function` in hex, e.g. `02.0`, `1f.2`. */
  position: string;
  vendor: string;
  device: string;
  /** PCI class code, 4 hex digits. */
  pciClass: string;
  /** True for a controller built into the chipset (no `-device` of ours). */
  builtin: boolean;
}

/** Lists every device of a model with the PCI position and ids the model and the registry declare. Pure. */
export function listExpectedPlacements(model: HardwareModel): ExpectedPlacement[] {
  const placements = model.nics.map((nic, index) => expect(model, `nic${index}`, nic.device, nic.slot));
  placements.push(expect(model, 'video', model.video.device, model.video.slot));
  placements.push(expect(model, 'storage', model.storage.device, model.storage.slot));
  return placements;
}

function expect(model: HardwareModel, role: string, qemu: string, slot: number | undefined): ExpectedPlacement {
  const spec = findDevice(qemu);
  if (!spec) throw invalidInput(`device of ${role} in model "${model.name}"`, 'a device of the registry', qemu);
  let position: string;
  if (slot === undefined) {
    const builtin = spec.builtin?.[model.chipset];
    if (!builtin) throw invalidInput(`slot of ${role} (${qemu}) in model "${model.name}"`, `a slot (${qemu} is not built into ${model.chipset})`, slot);
    position = builtin;
  } else {
    position = formatPosition(slot, 0);
  }
  return { role, kind: spec.kind, qemu, position, vendor: spec.pci.vendor, device: spec.pci.device, pciClass: spec.pciClass, builtin: slot === undefined };
}
