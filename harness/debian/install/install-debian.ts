import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { renderGrubConfig } from '../../bootloaders/grub-config.js';
import { installGrubBios } from '../../bootloaders/install-grub-bios.js';
import { installGrubEfi } from '../../bootloaders/install-grub-efi.js';
import { makeExt4Dir, makeExt4Symlink } from '../../disks/ext4-files.js';
import { InfrastructureError } from '../../errors/errors.js';
import { renameOrRemove } from '../../host/atomic.js';
import { bootLinux, DIRECT_BOOT_APPEND, type BootLinuxInput, type BootLinuxOutcome } from '../boot/boot-linux.js';
import { CMDLINE_FILE } from '../boot/read-boot-files.js';
import { composeDebianDisk, type DebianDiskFacts } from '../build/compose-disk.js';
import type { DebianSystem } from '../build/build-system.js';
import { ROOT_LABEL } from '../generalize/root-by-label.js';
import { listUnitLinks, readLabFiles } from './lab-files.js';

/** The hostname the administrator gives the golden image at install. */
export const MASTER_HOSTNAME = 'debian-master';

/** Input of a Debian install: the cached system, the install model and where the master goes. */
export interface InstallDebianInput extends Omit<BootLinuxInput, 'disk' | 'format' | 'readFrom'> {
  system: DebianSystem;
  out: string;
  sizeBytes: number;
}

/**
 * Installs a Debian master as an administrator's golden-image install does: composes the disk
 * from the cached system with the lab's units (no mounts), writes GRUB for both firmware paths,
 * then boots it once on the install model, where clonelab-install makes the machine-id and SSH
 * host keys, sets the hostname, names the NIC this hardware gives and rebuilds the initramfs with
 * MODULES=dep. The disk is renamed to `out` only when the install reported success.
 */
export async function installDebian(input: InstallDebianInput): Promise<{ outcome: BootLinuxOutcome; disk: DebianDiskFacts }> {
  const temporary = `${path.resolve(input.out)}.installing-${process.pid}`;
  try {
    const rootUuid = randomUUID();
    const release = input.system.kernelRelease;
    const cmdline = `root=UUID=${rootUuid} ro`;
    const grub = renderGrubConfig({ kernel: `/boot/vmlinuz-${release}`, initrd: `/boot/initrd.img-${release}`, rootUuid, append: DIRECT_BOOT_APPEND.filter((word) => !word.startsWith('console=')), timeoutSeconds: 0 });
    const disk = await composeDebianDisk({
      system: input.system, out: temporary, sizeBytes: input.sizeBytes, rootUuid, rootLabel: ROOT_LABEL, signal: input.signal,
      files: [
        ...(await readLabFiles()),
        { path: '/etc/clonelab/install-pending', content: 'installed by clonelab\n' },
        { path: '/etc/clonelab/hostname', content: `${MASTER_HOSTNAME}\n` },
        { path: CMDLINE_FILE, content: `${cmdline}\n` },
        { path: '/boot/grub/grub.cfg', content: grub },
      ],
    });
    for (const dir of new Set(listUnitLinks().map((entry) => path.posix.dirname(entry.link)))) await makeExt4Dir(temporary, disk.root.startBytes, dir, input.signal);
    for (const { link, target } of listUnitLinks()) await makeExt4Symlink(temporary, disk.root.startBytes, link, target, input.signal);
    await installGrubBios({ disk: temporary, rootPartition: 2, signal: input.signal });
    await installGrubEfi({ disk: temporary, espOffsetBytes: disk.esp.startBytes, rootPartition: 2, signal: input.signal });
    const outcome = await bootLinux({
      disk: temporary, format: 'raw', model: input.model, bootPath: input.bootPath, accel: input.accel,
      workDir: path.join(input.workDir, 'install'), bootFileStore: input.bootFileStore, signal: input.signal, timeoutMs: input.timeoutMs,
    });
    const report = outcome.report;
    if (report?.setup !== 'install' || report.setupErrors.length > 0 || !report.machineId) {
      const why = outcome.stop ? `${outcome.stop.failure}: ${outcome.stop.text}` : report ? `setup ${report.setup ?? 'none'}, errors: ${report.setupErrors.join('; ') || 'none'}` : `no probe report (exit ${outcome.vm.exitCode ?? outcome.vm.signal}${outcome.vm.timedOut ? ', timed out' : ''})`;
      throw new InfrastructureError(`Debian install on ${input.model.name} did not finish (${why}); console log: ${outcome.consoleLog}`, { phase: 'install', machine: input.model.name, timedOut: outcome.vm.timedOut });
    }
    await renameOrRemove(temporary, path.resolve(input.out));
    return { outcome, disk: { ...disk, disk: path.resolve(input.out) } };
  } finally {
    await rm(temporary, { force: true });
  }
}
