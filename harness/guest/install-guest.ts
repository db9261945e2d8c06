import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { createDisk, type Geometry } from '../disks/index.js';
import { InfrastructureError } from '../errors/errors.js';
import { renameOrRemove } from '../host/atomic.js';
import type { Accel } from '../qemu/types.js';
import { withTeardown } from '../teardown/with-teardown.js';
import { type BootOutcome, bootGuest } from './boot-guest.js';
import { describeFailure, readConsoleTail } from './describe-failure.js';
import { buildGuest } from './build-guest.js';
import type { PinnedMac } from './kernel-append.js';
import { stageTree } from './stage-tree.js';

/** Scenario inputs of an install. */
export interface InstallOptions {
  /** Drivers left out of the store (the image was built without them). */
  omitDrivers?: string[];
  /** Network-address overrides recorded in the registry (MACs that clones copy). */
  pinnedMacs?: PinnedMac[];
}

/** Input of `installGuest`. */
export interface InstallGuestInput {
  /** The master disk to create (written under a temporary name, renamed when setup succeeded). */
  out: string;
  /** Content-addressed store of boot files (see BootGuestInput.bootFileStore). */
  bootFileStore?: string;
  model: HardwareModel;
  geometry: Geometry;
  options?: InstallOptions;
  accel: Accel;
  workDir: string;
  /** Stops the disk tools and the VM (SIGTERM, then SIGKILL after the grace period); no half master is left. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * Creates a system volume from the fresh tree and boots it once on `model`: setup detects the
 * hardware, makes the identity and rebuilds the loader, then powers off. The disk is the master.
 * @example await installGuest({ out: 'master.img', model, geometry: parseGeometry({ size: '256M', filesystem: 'fat32' }), accel: 'tcg', workDir: 'w' })
 */
export async function installGuest(input: InstallGuestInput): Promise<BootOutcome> {
  const tree = await buildGuest();
  const workDir = path.resolve(input.workDir);
  const staging = path.join(workDir, 'tree');
  const temporary = `${path.resolve(input.out)}.installing-${process.pid}`;
  return withTeardown(async (teardown) => {
    teardown.defer('remove the unfinished master', () => rm(temporary, { force: true }));
    teardown.defer('remove the staged tree', () => rm(staging, { recursive: true, force: true }));
    await stageTree(tree.root, staging, input.options?.omitDrivers ?? []);
    await createDisk(temporary, input.geometry, { fromDir: staging, ...(input.signal ? { signal: input.signal } : {}) });
    await rm(staging, { recursive: true, force: true });
    const preferDrivers = input.model.nics.flatMap((nic) => (nic.installDriver ? [nic.installDriver] : []));
    const outcome = await bootGuest({
      disk: temporary, model: input.model, mode: 'normal', accel: input.accel, workDir: path.join(workDir, 'install'), ...(input.bootFileStore ? { bootFileStore: input.bootFileStore } : {}),
      ...(input.signal ? { signal: input.signal } : {}), timeoutMs: input.timeoutMs ?? 180_000,
      preferDrivers, pinnedMacs: input.options?.pinnedMacs ?? [],
    });
    if (outcome.report?.setup !== 'install' || !outcome.report.complete || outcome.stop) {
      throw new InfrastructureError(
        `Install on ${input.model.name} did not finish setup (${describeFailure(outcome)}); console log: ${outcome.consoleLog}: ${await readConsoleTail(outcome.consoleLog)}`,
        { phase: 'install', machine: input.model.name, timedOut: outcome.vm.timedOut },
      );
    }
    await renameOrRemove(temporary, path.resolve(input.out));
    return outcome;
  });
}
