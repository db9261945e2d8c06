import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fromPromise } from 'xstate';
import { readDiskInfo } from '../../disks/index.js';
import { installGuest } from '../../guest/install-guest.js';
import { resolveModel } from '../../hardware/resolve-model.js';
import type { MasterOutput, StepInput } from '../types.js';
import { buildOnce, type Lab } from './lab.js';
import { resolveMasterGeometry } from '../../spec/resolve-geometry.js';

/** Step `installMaster`: installs the master on its install model, once per master key; the master is read-only afterwards. */
export function installMasterStep(lab: Lab) {
  return fromPromise<MasterOutput, StepInput>(({ input, signal }) => {
    const { scenario, masterKey } = input.planned;
    const folder = path.join(lab.runDir, 'masters', masterKey);
    const disk = path.join(folder, 'master.img');
    return buildOnce(lab, `master:${masterKey}`, signal, async () => {
      const model = resolveModel(scenario.master.machine, lab.catalog);
      await mkdir(folder, { recursive: true });
      const pinned = scenario.master.install.pinnedMac;
      const outcome = await lab.vmSlots(async () => {
        lab.onVmState?.({ scenario: scenario.name, machine: model.name, state: 'install' });
        try {
          return await installGuest({
            out: disk, model, geometry: resolveMasterGeometry(scenario.master.geometry), accel: lab.accel,
            workDir: path.join(folder, 'install'), signal: lab.signal, timeoutMs: lab.bootTimeoutMs,
            options: {
              omitDrivers: scenario.master.install.omitDrivers ?? [],
              pinnedMacs: pinned && model.nics[0] ? [{ slot: model.nics[0].slot, mac: pinned.toLowerCase() }] : [],
            },
          });
        } finally {
          lab.onVmState?.({ scenario: scenario.name, machine: model.name, state: 'install', done: true });
        }
      });
      // The master is never written again: clones get copies, overlays or images of it.
      await chmod(disk, 0o444);
      const info = await readDiskInfo(disk);
      return { disk, ...(outcome.report?.machineSid ? { machineSid: outcome.report.machineSid } : {}), partitionBytes: info.partition.sizeBytes };
    }, { key: `master:${masterKey}`, disk });
  });
}
