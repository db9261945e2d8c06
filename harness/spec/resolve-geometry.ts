import { parseGeometry, type Geometry } from '../disks/index.js';
import type { GuestProfileName } from '../profiles/types.js';
import type { ScenarioGeometry } from './schema.js';

/** The reference guest's system volume: room for the 66 MB kernel, the driver store and user files. */
export const DEFAULT_GEOMETRY: ScenarioGeometry = { size: '256M', filesystem: 'fat32' };

// A Linux guest's disk: the ext4 root of a ~680 MB Debian system and the initramfs install rebuilds.
const LINUX_GEOMETRY: ScenarioGeometry = { size: '1536M', filesystem: 'ext4' };

/** The geometry defaults of a guest profile's volumes. */
export function defaultGeometry(guest: GuestProfileName = 'reference'): ScenarioGeometry {
  return guest === 'debian' || guest === 'image' ? LINUX_GEOMETRY : DEFAULT_GEOMETRY;
}

/** The filesystems a guest's system volume can be: ext4 for the Linux guests, FAT or NTFS otherwise. */
export function allowedFilesystems(guest: GuestProfileName = 'reference'): readonly string[] {
  return guest === 'debian' || guest === 'image' ? ['ext4'] : ['fat16', 'fat32', 'ntfs'];
}

/** The master's geometry: the scenario's, over the guest's defaults. */
export function resolveMasterGeometry(master: ScenarioGeometry, guest?: GuestProfileName): Geometry {
  return parseGeometry({ ...defaultGeometry(guest), ...master });
}

/** A target's geometry: the target's own, over the master's, over the guest's defaults. */
export function resolveTargetGeometry(master: ScenarioGeometry, target: ScenarioGeometry | undefined, guest?: GuestProfileName): Geometry {
  return parseGeometry({ ...defaultGeometry(guest), ...master, ...(target ?? {}) });
}
