import { findDevice } from '../devices/registry.js';
import type { DeviceSpec, PciAddress } from '../devices/types.js';
import type { HardwareModel, NicSlot, SlottedDevice, StorageSlot } from './types.js';

/** One device of a hardware model, with the address the model and the registry give it. */
export interface ModelDevice {
  /** `nic0`, `nic1`, …, `video`, `storage`. */
  role: string;
  /** The model's entry for it (a NIC's MAC policy and install driver, a slot or none). */
  entry: NicSlot | SlottedDevice | StorageSlot;
  /** The registry's description; absent for a name the registry does not know (`validateModel` reports it). */
  spec?: DeviceSpec;
  /** The model's slot on bus 0, or the chipset's fixed address of a built-in controller; absent when neither is known. */
  address?: PciAddress;
  /** True for a controller built into the chipset (the model gives no slot). */
  builtin: boolean;
}

/**
 * Lists every device of a model (NICs, video, storage) with its PCI address: the one place
 * that says where a model's devices must sit. Pure.
 * @example listModelDevices(findModel('desktop-e1000')!).map((device) => device.role) // ['nic0', 'video', 'storage']
 */
export function listModelDevices(model: HardwareModel): ModelDevice[] {
  const entries: [string, NicSlot | SlottedDevice | StorageSlot][] = [
    ...model.nics.map((nic, index): [string, NicSlot] => [`nic${index}`, nic]),
    ['video', model.video],
    ['storage', model.storage],
  ];
  return entries.map(([role, entry]) => {
    const spec = findDevice(entry.device);
    const address = entry.slot === undefined ? spec?.builtin?.[model.chipset] : { bus: 0, slot: entry.slot, fn: 0 };
    return { role, entry, ...(spec ? { spec } : {}), ...(address ? { address } : {}), builtin: entry.slot === undefined };
  });
}
