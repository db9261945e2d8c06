import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { fromPromise } from 'xstate';
import { InfrastructureError } from '../../errors/errors.js';
import { resolveModel } from '../../hardware/resolve-model.js';
import { findProfile } from '../../profiles/registry.js';
import { withTeardown } from '../../teardown/with-teardown.js';
import type { MasterOutput, StepInput } from '../types.js';
import { buildOnce } from './build-once.js';
import type { RunContext } from './run-context.js';

/**
 * Step `generalizeMaster`: sysprep on a copy of the master (once per master, mass-storage choice
 * and SID changer). The VM runs while a step waits for it: leaving the state stops it.
 */
export function generalizeMasterStep(context: RunContext) {
  return fromPromise<MasterOutput, StepInput>(({ input, signal }) => {
    const { scenario, masterKey } = input.planned;
    const master = input.master;
    if (!master) throw new InfrastructureError('generalize needs an installed master', { phase: 'generalize', scenario: scenario.name });
    const asked = scenario.generalize === false ? { massStorage: false, sidChanger: 'setupcl' as const } : scenario.generalize;
    const { massStorage, sidChanger } = asked;
    const folder = path.join(context.runDir, 'masters', masterKey);
    const variant = `${massStorage ? '-mass-storage' : ''}${sidChanger === 'setupcl' ? '' : `-${sidChanger}`}`;
    const disk = path.join(folder, `generalized${variant}.img`);
    // Cached per master identity: a generalized disk never outlives the install it came from.
    const profile = findProfile(scenario.master.guest);
    const cacheEntry = master.identity ? { key: `generalized:${masterKey}:${massStorage}:${sidChanger}:${master.identity.value}`, disk, profile, master: scenario.master } : undefined;
    return buildOnce(context, `generalized:${masterKey}:${massStorage}:${sidChanger}`, signal, async (buildSignal) => {
      const model = resolveModel(scenario.master.machine, context.catalog);
      // The same flow and success test as `clonelab guest generalize`; the master is only read.
      await context.vmPermits(() => withTeardown(async (teardown) => {
        buildSignal.throwIfAborted(); // stopped while waiting for a VM permit
        context.onVmState?.({ scenario: scenario.name, machine: model.name, state: 'generalize' });
        teardown.defer('report the generalize VM done', () => context.onVmState?.({ scenario: scenario.name, machine: model.name, state: 'generalize', done: true }));
        await profile.generalize({
          master: scenario.master, image: master.disk, out: disk, model, options: { massStorage, sidChanger }, accel: context.accel,
          workDir: path.join(folder, `generalize${variant}`), bootFileStore: path.join(context.runDir, 'boot-files'), signal: buildSignal, timeoutMs: context.bootTimeoutMs,
        });
      }));
      await chmod(disk, 0o444);
      const { reusedFrom: _installedFrom, ...installed } = master;
      return { ...installed, disk };
    }, cacheEntry);
  });
}
