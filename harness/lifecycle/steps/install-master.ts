import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fromPromise } from 'xstate';
import { readDiskInfo } from '../../disks/index.js';
import { installGuest } from '../../guest/install-guest.js';
import { listModelDevices } from '../../../machines/catalog/model-devices.js';
import { resolveModel } from '../../hardware/resolve-model.js';
import { withTeardown } from '../../teardown/with-teardown.js';
import type { MasterOutput, StepInput } from '../types.js';
import { buildOnce } from './build-once.js';
import type { RunContext } from './run-context.js';
import { resolveMasterGeometry } from '../../spec/resolve-geometry.js';

/**
 * Step `installMaster`: installs the master on its install model, once per master key; the master
 * is read-only afterwards. The install VM runs while a step waits for it: leaving the state stops it.
 */
export function installMasterStep(context: RunContext) {
  return fromPromise<MasterOutput, StepInput>(({ input, signal }) => {
    const { scenario, masterKey } = input.planned;
    const folder = path.join(context.runDir, 'masters', masterKey);
    const disk = path.join(folder, 'master.img');
    return buildOnce(context, `master:${masterKey}`, signal, async (buildSignal) => {
      const model = resolveModel(scenario.master.machine, context.catalog);
      await mkdir(folder, { recursive: true });
      const pinned = scenario.master.install.pinnedMac;
      const nic0 = listModelDevices(model).find((device) => device.role === 'nic0')?.address;
      const outcome = await context.vmPermits(() => withTeardown(async (teardown) => {
        buildSignal.throwIfAborted(); // stopped while waiting for a VM permit
        context.onVmState?.({ scenario: scenario.name, machine: model.name, state: 'install' });
        teardown.defer('report the install VM done', () => context.onVmState?.({ scenario: scenario.name, machine: model.name, state: 'install', done: true }));
        return installGuest({
          out: disk, model, geometry: resolveMasterGeometry(scenario.master.geometry), accel: context.accel,
          workDir: path.join(folder, 'install'), bootFileStore: path.join(context.runDir, 'boot-files'), signal: buildSignal, timeoutMs: context.bootTimeoutMs,
          options: {
            omitDrivers: scenario.master.install.omitDrivers ?? [],
            pinnedMacs: pinned && nic0 ? [{ bus: nic0.bus, slot: nic0.slot, mac: pinned.toLowerCase() }] : [],
          },
        });
      }));
      // The master is never written again: clones get copies, overlays or images of it.
      await chmod(disk, 0o444);
      const info = await readDiskInfo(disk);
      return { disk, ...(outcome.report?.machineSid ? { machineSid: outcome.report.machineSid } : {}), partitionBytes: info.partition.sizeBytes };
    }, { key: `master:${masterKey}`, disk });
  });
}
