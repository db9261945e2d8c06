import { listModelDevices } from '../../../machines/catalog/model-devices.js';
import { readDiskInfo } from '../../disks/index.js';
import { buildGuest } from '../../guest/build-guest.js';
import { generalizeGuest } from '../../guest/generalize-guest.js';
import { installGuest } from '../../guest/install-guest.js';
import { cloneMethods } from '../../imaging/index.js';
import { UsageError } from '../../errors/errors.js';
import type { GuestProfile } from '../types.js';
import { bootReference } from './boot-reference.js';

/**
 * The reference guest: the lab's own NT-style mini OS (harness/guest, guest/), booted by the
 * harness playing its boot loader. Fast, and every seed failure on demand.
 */
export const referenceProfile: GuestProfile = {
  name: 'reference',
  identityKinds: ['machine-sid', 'account-sid', 'computer-name', 'volume-serial'],
  buildHash: async () => (await buildGuest()).hash,
  async install(input) {
    if (input.master.boot !== 'direct') {
      throw new UsageError(`the reference guest boots only by the direct path (the harness is its boot loader); the scenario asks for boot '${input.master.boot}'`);
    }
    const pinned = input.master.install.pinnedMac;
    const nic0 = listModelDevices(input.model).find((device) => device.role === 'nic0')?.address;
    const outcome = await installGuest({
      out: input.out, model: input.model, geometry: input.geometry, accel: input.accel, workDir: input.workDir, bootFileStore: input.bootFileStore, signal: input.signal, timeoutMs: input.timeoutMs,
      options: {
        omitDrivers: [...(input.master.install.omitDrivers ?? [])],
        pinnedMacs: pinned && nic0 ? [{ bus: nic0.bus, slot: nic0.slot, mac: pinned.toLowerCase() }] : [],
      },
    });
    const info = await readDiskInfo(input.out);
    return { ...(outcome.report?.machineSid ? { identity: { kind: 'machine-sid' as const, value: outcome.report.machineSid } } : {}), partitionBytes: info.partition.sizeBytes };
  },
  async generalize(input) {
    await generalizeGuest({
      image: input.image, out: input.out, model: input.model, ...input.options, accel: input.accel,
      workDir: input.workDir, bootFileStore: input.bootFileStore, signal: input.signal, timeoutMs: input.timeoutMs,
    });
  },
  boot: bootReference,
  cloneMethods,
};
