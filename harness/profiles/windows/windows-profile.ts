import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { readDiskInfo } from '../../disks/read-disk-info.js';
import { UsageError } from '../../errors/errors.js';
import { splitImageSpec } from '../../windows/open-images.js';
import type { GuestProfile } from '../types.js';
import { bootWindows } from './boot-windows.js';
import { inspectOne, machineSidInUse } from './inspect-one.js';
import { makeWindowsMaster } from './make-master.js';
import { windowsCloneMethods } from './windows-clone-methods.js';

/**
 * The user's own Windows image (`master: { guest: 'windows', image: 'install.wim:1' | 'disk.img'
 * | 'disk.qcow2' }`), never booted: the master is made from the image offline, each clone's
 * "boot" is its disk inspected offline and its boot on the target model predicted from the
 * registry (see bootWindows). Identity is read from the hives, so the fleet checks, JUnit, HTML
 * and `compare` work as for booted fleets.
 */
export const windowsProfile: GuestProfile = {
  name: 'windows',
  identityKinds: ['machine-sid', 'account-sid', 'computer-name', 'disk-signature'],
  async buildHash(master) {
    // The image file as it is now (and which image of a WIM): a changed image makes a new master.
    const file = master.image ? splitImageSpec(master.image).file : '';
    const facts = file ? await stat(file).catch(() => undefined) : undefined;
    return createHash('sha256').update(`windows:${master.image ?? ''}:${facts?.size ?? 0}:${facts?.mtimeMs ?? 0}`).digest('hex').slice(0, 16);
  },
  async install(input) {
    const image = input.master.image;
    if (!image) throw new UsageError("guest 'windows' needs master.image: a WIM image (install.wim:1) or an NTFS disk image (raw or qcow2)");
    const inspection = await inspectOne(image, input.signal);
    await makeWindowsMaster({ inspection, out: input.out, workDir: input.workDir, geometry: input.geometry, signal: input.signal });
    const sid = machineSidInUse(inspection);
    const info = await readDiskInfo(input.out);
    return { ...(sid ? { identity: { kind: 'machine-sid' as const, value: sid } } : {}), partitionBytes: info.partition.sizeBytes };
  },
  async generalize() {
    throw new UsageError("A Windows image is generalized by sysprep inside Windows; the lab does not boot Windows, so it cannot generalize one", {
      hint: 'run `sysprep /generalize /oobe /shutdown` in Windows, capture that image, give it as master.image and set generalize: false',
    });
  },
  boot: bootWindows,
  cloneMethods: windowsCloneMethods,
};
