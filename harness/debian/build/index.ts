// The Debian system: built once from Debian's packages with mmdebstrap (cached), composed into disks with no mount.
export { buildDebianSystem, readMmdebstrapVersion, type DebianSystem } from './build-system.js';
export { composeDebianDisk, type ComposeDebianDiskOptions, type DebianDiskFacts, type DebianDiskFile } from './compose-disk.js';
export { computeDebianLayout, buildFstab, type DebianDiskLayout } from './disk-layout.js';
export { computeDebianKey, buildMmdebstrapArgs, DEBIAN_PACKAGES, DEBIAN_SUITE, RECIPE_VERSION } from './recipe.js';
