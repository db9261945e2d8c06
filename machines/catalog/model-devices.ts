import { findDevice } from '../devices/registry.js';
import type { DeviceSpec, PciAddress } from '../devices/types.js';
import { numberBuses } from './topology.js';
import type { HardwareModel, NicSlot, SlottedDevice, StorageSlot } from './types.js';

/** One device of a hardware model, with the address the model and the registry give it. */
export interface ModelDevice {
  /** `nic0`, `nic1`, …, `video`, `storage`. */
  role: string;
  /** The model's entry for it (a NIC's MAC policy and install driver, a slot or none). */
  entry: NicSlot | SlottedDevice | StorageSlot;
  /** The registry's description; absent for a name the registry does not know (`validateModel` reports it). */
  spec?: DeviceSpec;
  /**
   * Its address as the guest sees it: the model's slot on bus 0 or on a bridge's bus (numbered
   * as the firmware does, `numberBuses`), or the chipset's fixed address of a built-in
   * controller; absent when neither is known (an unknown bridge: `validateModel` reports it).
   */
  address?: PciAddress;
  /** True for a controller built into the chipset (the model gives no slot). */
  builtin: boolean;
}

/**
 * Lists every device of a model (NICs, video, storage) with its PCI address: the one place
 * that says where a model's devices must sit (its bridges: `listModelBridges`). Pure.
 * @example listModelDevices(findModel('desktop-e1000')!).map((device) => device.role) // ['nic0', 'video', 'storage']
 */
export function listModelDevices(model: HardwareModel): ModelDevice[] {
  const buses = numberBuses(model);
  const entries: [string, NicSlot | SlottedDevice | StorageSlot][] = [
    ...model.nics.map((nic, index): [string, NicSlot] => [`nic${index}`, nic]),
    ['video', model.video],
    ['storage', model.storage],
  ];
  return entries.map(([role, entry]) => {
    const spec = findDevice(entry.device);
    const bus = entry.bus === undefined ? 0 : buses.get(entry.bus);
    const address = entry.slot === undefined ? spec?.builtin?.[model.chipset] : bus === undefined ? undefined : { bus, slot: entry.slot, fn: 0 };
    return { role, entry, ...(spec ? { spec } : {}), ...(address ? { address } : {}), builtin: entry.slot === undefined };
  });
}
