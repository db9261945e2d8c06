import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fromPromise } from 'xstate';
import { resolveModel } from '../../hardware/resolve-model.js';
import { findProfile } from '../../profiles/registry.js';
import { withTeardown } from '../../teardown/with-teardown.js';
import type { MasterOutput, StepInput } from '../types.js';
import { buildOnce } from './build-once.js';
import type { RunContext } from './run-context.js';
import { resolveMasterGeometry } from '../../spec/resolve-geometry.js';

/**
 * Step `installMaster`: installs the master on its install model with the scenario's guest
 * profile, once per master key; the master is read-only afterwards. The install VM runs while a
 * step waits for it: leaving the state stops it.
 */
export function installMasterStep(context: RunContext) {
  return fromPromise<MasterOutput, StepInput>(({ input, signal }) => {
    const { scenario, masterKey } = input.planned;
    const profile = findProfile(scenario.master.guest);
    const folder = path.join(context.runDir, 'masters', masterKey);
    const disk = path.join(folder, 'master.img');
    return buildOnce(context, `master:${masterKey}`, signal, async (buildSignal) => {
      const model = resolveModel(scenario.master.machine, context.catalog);
      await mkdir(folder, { recursive: true });
      const installed = await context.vmPermits(() => withTeardown(async (teardown) => {
        buildSignal.throwIfAborted(); // stopped while waiting for a VM permit
        context.onVmState?.({ scenario: scenario.name, machine: model.name, state: 'install' });
        teardown.defer('report the install VM done', () => context.onVmState?.({ scenario: scenario.name, machine: model.name, state: 'install', done: true }));
        return profile.install({
          master: scenario.master, model, out: disk, geometry: resolveMasterGeometry(scenario.master.geometry, scenario.master.guest), workDir: path.join(folder, 'install'),
          accel: context.accel, bootFileStore: path.join(context.runDir, 'boot-files'), signal: buildSignal, timeoutMs: context.bootTimeoutMs,
        });
      }));
      // The master is never written again: clones get copies, overlays or images of it.
      await chmod(disk, 0o444);
      return { disk, ...installed };
    }, { key: `master:${masterKey}`, disk, profile, master: scenario.master });
  });
}
