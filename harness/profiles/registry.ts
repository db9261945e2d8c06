import { UsageError } from '../errors/errors.js';
import { debianProfile } from './debian/debian-profile.js';
import { imageProfile } from './image/image-profile.js';
import { referenceProfile } from './reference/reference-profile.js';
import { windowsProfile } from './windows/windows-profile.js';
import type { GuestProfile, GuestProfileName } from './types.js';

// The one list of guest profiles. A profile not listed here does not exist for the lab.
const profiles: Partial<Record<GuestProfileName, GuestProfile>> = {
  reference: referenceProfile,
  debian: debianProfile,
  image: imageProfile,
  windows: windowsProfile,
};

/** The guest profile of that name; a clear error for one the lab does not have. */
export function findProfile(name: GuestProfileName): GuestProfile {
  const profile = profiles[name];
  if (!profile) throw new UsageError(`Unknown guest profile '${name}': expected one of ${Object.keys(profiles).join(', ')}`);
  return profile;
}

/** Names of every registered profile. */
export function listProfiles(): GuestProfileName[] {
  return Object.keys(profiles) as GuestProfileName[];
}
