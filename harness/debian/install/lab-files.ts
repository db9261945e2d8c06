import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DebianDiskFile } from '../build/compose-disk.js';

/** The lab's units in a Debian image, and the symlinks that enable them (guest/debian/README.md). */
export const LAB_UNITS: readonly { unit: string; wantedBy: string }[] = [
  { unit: 'clonelab-install.service', wantedBy: 'multi-user.target' },
  { unit: 'clonelab-firstboot.service', wantedBy: 'sysinit.target' },
  { unit: 'clonelab-probe.service', wantedBy: 'multi-user.target' },
];

const SCRIPTS: readonly { name: string; mode: number }[] = [
  { name: 'probe.sh', mode: 0o755 }, { name: 'install.sh', mode: 0o755 }, { name: 'firstboot.sh', mode: 0o755 }, { name: 'lib.sh', mode: 0o644 },
];

/** The checkout's `guest/debian/` folder. */
export function debianGuestDir(): string {
  // dist/harness/debian/install/lab-files.js → <repo>/guest/debian
  return fileURLToPath(new URL('../../../../guest/debian/', import.meta.url));
}

/** The lab's scripts and units as files of the image (the probe and the units that run it). */
export async function readLabFiles(source = debianGuestDir()): Promise<DebianDiskFile[]> {
  const scripts = await Promise.all(SCRIPTS.map(async (script) => ({
    path: `/usr/lib/clonelab/${script.name}`, content: await readFile(path.join(source, script.name)), mode: script.mode,
  })));
  const units = await Promise.all(LAB_UNITS.map(async ({ unit }) => ({ path: `/etc/systemd/system/${unit}`, content: await readFile(path.join(source, unit)), mode: 0o644 })));
  return [...scripts, ...units];
}

/** The enable symlinks: `/etc/systemd/system/<target>.wants/<unit>` → the unit file. */
export function listUnitLinks(): { link: string; target: string }[] {
  return LAB_UNITS.map(({ unit, wantedBy }) => ({ link: `/etc/systemd/system/${wantedBy}.wants/${unit}`, target: `/etc/systemd/system/${unit}` }));
}
