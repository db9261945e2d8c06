import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootLinux } from '../../debian/boot/boot-linux.js';
import { buildDebianSystem } from '../../debian/build/build-system.js';
import { generalizeDebian } from '../../debian/generalize/generalize-debian.js';
import { installDebian } from '../../debian/install/install-debian.js';
import { readLabFiles } from '../../debian/install/lab-files.js';
import { linuxCloneMethods } from '../../debian/imaging/linux-clone-methods.js';
import { UsageError } from '../../errors/errors.js';
import { cacheDir } from '../../host/cache-dir.js';
import type { GuestProfile } from '../types.js';
import { toBootResult } from './to-boot-result.js';

const MiB = 1024 * 1024;
/** The smallest Debian master disk: the system is ~680 MB, and install rebuilds the initramfs beside the kept one. */
export const MIN_DEBIAN_DISK_BYTES = 1200 * MiB;
// Debian boots take ~25 s alone under TCG (the reference guest ~2 s), and install rebuilds the
// initramfs (~83 s): the run's boot limit is raised to these floors for this profile.
const MIN_BOOT_MS = 600_000;
const MIN_INSTALL_MS = 900_000;

/** Debian 12 made from Debian's packages by mmdebstrap (cached), installed on its install model, generalized as virt-sysprep does. */
export const debianProfile: GuestProfile = {
  name: 'debian',
  identityKinds: ['machine-id', 'hostname', 'ssh-host-key', 'filesystem-uuid'],
  async buildHash(_master, signal) {
    const system = await buildDebianSystem({ cacheDir: cacheDir(), ...(signal ? { signal } : {}) });
    const hash = createHash('sha256').update(system.key);
    for (const file of await readLabFiles()) hash.update(file.path).update(file.content);
    // Install and generalize run on the host: their code is part of what a cached master is.
    for (const file of await listStepCode()) hash.update(file).update(await readFile(file));
    return hash.digest('hex').slice(0, 16);
  },
  async install(input) {
    if (input.geometry.sizeBytes < MIN_DEBIAN_DISK_BYTES) {
      throw new UsageError(`A Debian master needs a disk of at least ${MIN_DEBIAN_DISK_BYTES / MiB} MiB: the scenario's master geometry gives ${Math.floor(input.geometry.sizeBytes / MiB)} MiB`, { hint: "set master.geometry.size, e.g. '1536M'" });
    }
    const system = await buildDebianSystem({ cacheDir: cacheDir(), signal: input.signal });
    const { outcome, disk } = await installDebian({
      system, model: input.model, out: input.out, sizeBytes: input.geometry.sizeBytes, bootPath: input.master.boot, accel: input.accel,
      workDir: input.workDir, bootFileStore: input.bootFileStore, signal: input.signal, timeoutMs: Math.max(input.timeoutMs, MIN_INSTALL_MS),
    });
    const machineId = outcome.report?.machineId;
    return { ...(machineId ? { identity: { kind: 'machine-id' as const, value: machineId } } : {}), partitionBytes: disk.root.sizeBytes };
  },
  async generalize(input) {
    await generalizeDebian(input.image, input.out, input.signal);
  },
  async boot(input) {
    const outcome = await bootLinux({
      disk: input.disk, format: input.format, ...(input.bootFilesFrom ? { readFrom: input.bootFilesFrom } : {}), model: input.model, bootPath: input.master.boot,
      accel: input.accel, workDir: input.workDir, bootFileStore: input.bootFileStore, signal: input.signal, timeoutMs: Math.max(input.timeoutMs, MIN_BOOT_MS),
    });
    return toBootResult(outcome);
  },
  cloneMethods: linuxCloneMethods,
};

/** The compiled install and generalize steps (harness/debian/{install,generalize}/*.js), in name order. */
async function listStepCode(): Promise<string[]> {
  const folders = ['install', 'generalize'].map((name) => fileURLToPath(new URL(`../../debian/${name}/`, import.meta.url)));
  const files = await Promise.all(folders.map(async (folder) => (await readdir(folder)).filter((name) => name.endsWith('.js')).sort().map((name) => path.join(folder, name))));
  return files.flat();
}
