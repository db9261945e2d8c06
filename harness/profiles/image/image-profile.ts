import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { bootLinux } from '../../debian/boot/boot-linux.js';
import { generalizeDebian } from '../../debian/generalize/generalize-debian.js';
import { linuxCloneMethods } from '../../debian/imaging/linux-clone-methods.js';
import { readLabFiles } from '../../debian/install/lab-files.js';
import { prepareUserImage } from '../../debian/install/prepare-user-image.js';
import { UsageError } from '../../errors/errors.js';
import type { GuestProfile } from '../types.js';
import { toBootResult } from '../debian/to-boot-result.js';

// A user's Linux boots at Debian's pace or slower: the same floors as the Debian profile.
const MIN_BOOT_MS = 600_000;

/**
 * The user's own bootable Linux disk image (`master: { image: PATH }`): no install, the probe
 * written into a copy, the same clone methods, checks and reports as the Debian guest.
 */
export const imageProfile: GuestProfile = {
  name: 'image',
  identityKinds: ['machine-id', 'hostname', 'ssh-host-key', 'filesystem-uuid'],
  async buildHash(master) {
    // The lab's units, and the image file as it is now: a changed image makes a new master.
    const hash = createHash('sha256');
    for (const file of await readLabFiles()) hash.update(file.path).update(file.content);
    const facts = master.image ? await stat(master.image).catch(() => undefined) : undefined;
    hash.update(`${master.image ?? ''}:${facts?.size ?? 0}:${facts?.mtimeMs ?? 0}`);
    return hash.digest('hex').slice(0, 16);
  },
  async install(input) {
    const image = input.master.image;
    if (!image) throw new UsageError('guest `image` needs master.image: the path of a bootable Linux disk image');
    const prepared = await prepareUserImage(image, input.out, input.signal);
    return { ...(prepared.machineId ? { identity: { kind: 'machine-id' as const, value: prepared.machineId } } : {}), partitionBytes: prepared.root.sizeBytes };
  },
  async generalize(input) {
    await generalizeDebian(input.image, input.out, input.signal);
  },
  async boot(input) {
    return toBootResult(await bootLinux({
      disk: input.disk, format: input.format, ...(input.bootFilesFrom ? { readFrom: input.bootFilesFrom } : {}), model: input.model, bootPath: input.master.boot,
      accel: input.accel, workDir: input.workDir, bootFileStore: input.bootFileStore, signal: input.signal, timeoutMs: Math.max(input.timeoutMs, MIN_BOOT_MS),
    }));
  },
  cloneMethods: linuxCloneMethods,
};
