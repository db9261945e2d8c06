import leven from 'leven';
import { nics } from './nics.js';
import { storageControllers } from './storage.js';
import type { DeviceKind, DeviceSpec } from './types.js';
import { videoCards } from './video.js';

/** Every device the lab supports, NICs first, then video, then storage. */
export const deviceRegistry: readonly DeviceSpec[] = [...nics, ...videoCards, ...storageControllers];

/** Finds a device by its QEMU name, or returns undefined. */
export function findDevice(qemuName: string): DeviceSpec | undefined {
  return deviceRegistry.find((device) => device.qemu === qemuName);
}

/** Lists the QEMU names of the devices of one kind. */
export function listDeviceNames(kind?: DeviceKind): string[] {
  return deviceRegistry.filter((device) => kind === undefined || device.kind === kind).map((device) => device.qemu);
}

/** Returns up to `count` names from `candidates` closest to `given` (edit distance), best first. */
export function suggestNames(given: string, candidates: readonly string[], count = 3): string[] {
  const lower = given.toLowerCase();
  return [...candidates]
    .map((name) => ({ name, distance: leven(lower, name.toLowerCase()) - (name.toLowerCase().includes(lower) ? 2 : 0) }))
    .filter(({ name, distance }) => distance <= Math.max(3, Math.ceil(name.length / 2)))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, count)
    .map(({ name }) => name);
}

/**
 * The drivers the guest's driver store holds: every registry device's modules, and the drivers
 * known not to work with one (an image made for another chip revision records those: a NIC's
 * `installDriver`).
 */
export function listStoreDrivers(): string[] {
  return [...new Set(deviceRegistry.flatMap((device) => [...device.modules, ...device.incompatibilities.map((entry) => entry.driver)]))];
}
