import { fromPromise } from 'xstate';
import { InfrastructureError } from '../../errors/errors.js';
import type { CloneRun, StepInput } from '../types.js';
import type { RunContext } from './run-context.js';
import { runClone } from './run-clone.js';

/** Step `runTargets`: every clone of the scenario, in parallel within the run's VM permits. */
export function runTargetsStep(context: RunContext) {
  return fromPromise<CloneRun[], StepInput>(({ input, signal }) => {
    const captured = input.captured;
    if (!captured) throw new InfrastructureError('targets need a captured image', { phase: 'targets', scenario: input.planned.scenario.name });
    // One clock for the whole fleet: targets with `serial: 'clock'` are formatted "in the same
    // second", as a batch on one imaging station would be, whatever the real timing (and retries).
    const formatClock = Date.now();
    return Promise.all(input.planned.clones.map(async (clone) => {
      const run = await runClone(context, input.planned, clone, captured, signal, formatClock);
      context.onCloneEnd?.(input.planned.scenario.name, run);
      return run;
    }));
  });
}
