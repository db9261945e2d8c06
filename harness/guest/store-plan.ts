import { deviceRegistry } from '../../machines/devices/registry.js';
import type { DeviceSpec } from '../../machines/devices/types.js';
import { normalizeModuleName } from './module-db.js';

/** What the builder puts into the driver store and the loader, derived from the device registry. */
export interface StorePlan {
  /** Top-level modules of the driver store (NIC, video, storage drivers and the disk class driver). */
  storeModules: string[];
  /** Modules whose PCI aliases go first in the index (the registry's drivers win a tie). */
  preferredModules: string[];
  /** One loader piece per storage driver: piece key → modules to load at boot, in order. */
  storagePieces: Record<string, string[]>;
  /** Module parameters from the registry (SCSI settle times), for the kernel command line. */
  moduleParams: string[];
}

// sd_mod is the SCSI disk class driver: SCSI HBAs and ATA controllers need it to show a disk.
const DISK_CLASS_DRIVER = 'sd_mod';

/** The key of a storage driver's loader piece: its last module (the function driver for virtio). */
export function storagePieceKey(spec: Pick<DeviceSpec, 'modules'>): string {
  return normalizeModuleName(spec.modules.at(-1) ?? '');
}

/** Plans the driver store and the storage loader pieces from the registry and the catalog. */
export function planStore(registry: readonly DeviceSpec[] = deviceRegistry): StorePlan {
  const preferred = unique(registry.flatMap((spec) => spec.modules.map(normalizeModuleName)));
  // Drivers known not to work with a device are in the store too: a model whose image was made for
  // an older chip revision records one at install (a NIC's installDriver, e.g. 8139too), user
  // models included (validateModel accepts no other).
  const installDrivers = registry.flatMap((spec) => spec.incompatibilities.map((entry) => normalizeModuleName(entry.driver)));
  const storagePieces: Record<string, string[]> = {};
  for (const spec of registry.filter((device) => device.kind === 'storage')) {
    const modules = spec.modules.map(normalizeModuleName);
    storagePieces[storagePieceKey(spec)] = spec.disk?.kind === 'inline' ? modules : [...modules, DISK_CLASS_DRIVER];
  }
  return {
    storeModules: unique([...preferred, ...installDrivers, DISK_CLASS_DRIVER]),
    preferredModules: preferred,
    storagePieces,
    moduleParams: unique(registry.flatMap((spec) => spec.moduleParams ?? [])),
  };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
