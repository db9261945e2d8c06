import { createHash } from 'node:crypto';
import type { Plan, PlannedScenario } from './types.js';

/** The most repeats of a scenario one run takes. */
export const MAX_REPEATS = 100;

/**
 * Repeats every scenario of a plan `count` times (`--repeat N`): the repeats are scenarios of
 * their own, `<name>~1` … `<name>~N` (clone ids follow), each marked with `repeat`, so every
 * report keeps them apart and `summarizeRepeats` joins them. With `freshMasters` each repeat
 * installs its own master (its master key gets `~r<i>`): an intermittent install is repeated
 * too; without, the repeats share the master (the master cache). `count` 1: the plan as it is.
 * Pure.
 */
export function repeatPlan(plan: Plan, count: number, options: { freshMasters: boolean }): Plan {
  if (count === 1) return plan;
  const scenarios = plan.scenarios.flatMap((planned) => Array.from({ length: count }, (_, at): PlannedScenario => {
    const index = at + 1;
    const name = `${planned.scenario.name}~${index}`;
    return {
      scenario: { ...planned.scenario, name },
      masterKey: options.freshMasters ? `${planned.masterKey}~r${index}` : planned.masterKey,
      clones: planned.clones.map((clone) => ({ ...clone, id: `${name}/${clone.machine}#${clone.index + 1}` })),
      repeat: { of: planned.scenario.name, index, count },
    };
  }));
  const planId = createHash('sha256').update(`${plan.planId}~${count}`).digest('hex').slice(0, 16);
  return { ...plan, planId, scenarios };
}
