import { chmod, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fromPromise } from 'xstate';
import { InfrastructureError } from '../../errors/errors.js';
import { copySparse } from '../../host/sparse-copy.js';
import { bootGuest } from '../../guest/boot-guest.js';
import { checkGeneralized } from '../../guest/generalize-guest.js';
import { resolveModel } from '../../hardware/resolve-model.js';
import type { MasterOutput, StepInput } from '../types.js';
import { buildOnce, type Lab } from './lab.js';

/** Step `generalizeMaster`: sysprep on a copy of the master (once per master, mass-storage choice and SID changer). */
export function generalizeMasterStep(lab: Lab) {
  return fromPromise<MasterOutput, StepInput>(({ input, signal }) => {
    const { scenario, masterKey } = input.planned;
    const master = input.master;
    if (!master) throw new InfrastructureError('generalize needs an installed master', { phase: 'generalize', scenario: scenario.name });
    const asked = scenario.generalize === false ? { massStorage: false, sidChanger: 'setupcl' as const } : scenario.generalize;
    const { massStorage, sidChanger } = asked;
    const folder = path.join(lab.runDir, 'masters', masterKey);
    const variant = `${massStorage ? '-mass-storage' : ''}${sidChanger === 'setupcl' ? '' : `-${sidChanger}`}`;
    const disk = path.join(folder, `generalized${variant}.img`);
    // Cached per master identity: a generalized disk never outlives the install it came from.
    const slot = master.machineSid ? { key: `generalized:${masterKey}:${massStorage}:${sidChanger}:${master.machineSid}`, disk } : undefined;
    return buildOnce(lab, `generalized:${masterKey}:${massStorage}:${sidChanger}`, signal, async () => {
      const model = resolveModel(scenario.master.machine, lab.catalog);
      const temporary = `${disk}.tmp`;
      await copySparse(master.disk, temporary, lab.signal);
      await chmod(temporary, 0o644);
      try {
        const outcome = await lab.vmSlots(async () => {
          lab.onVmState?.({ scenario: scenario.name, machine: model.name, state: 'generalize' });
          try {
            return await bootGuest({
              disk: temporary, model, mode: 'generalize', massStorage, sidChanger, accel: lab.accel,
              workDir: path.join(folder, `generalize${variant}`), signal: lab.signal, timeoutMs: lab.bootTimeoutMs,
            });
          } finally {
            lab.onVmState?.({ scenario: scenario.name, machine: model.name, state: 'generalize', done: true });
          }
        });
        // The same success test as `clonelab guest generalize`.
        const problem = checkGeneralized(outcome, { massStorage, sidChanger });
        if (problem) {
          throw new InfrastructureError(`generalize on ${model.name} ${problem}; console: ${outcome.consoleLog}`, {
            phase: 'generalize', machine: model.name, scenario: scenario.name,
          });
        }
        await chmod(temporary, 0o444);
        await rename(temporary, disk);
        const { reusedFrom: _installedFrom, ...installed } = master;
        return { ...installed, disk };
      } finally {
        await rm(temporary, { force: true });
      }
    }, slot);
  });
}
