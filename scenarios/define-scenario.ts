import type { Scenario, ScenarioInput } from '../harness/spec/schema.js';
import { validateScenario } from '../harness/spec/validate-scenario.js';

export type { Scenario, ScenarioInput } from '../harness/spec/schema.js';

/**
 * Defines a scenario: validates it at once (strict schema, no contradictory options) and
 * returns it with every default filled in. Its model names are checked when its file is loaded,
 * against the run's catalog: the built-in models and the user's (`--models FILE`, or a `models`
 * export beside the scenarios).
 * @example
 * export default defineScenario({
 *   name: 'no-sysprep', description: 'Clones of a master that was not generalized share its SID',
 *   master: { machine: 'desktop-e1000', geometry: { size: '256M', filesystem: 'fat32' } },
 *   capture: { method: 'file' }, targets: [{ machine: 'desktop-e1000' }], clonesPerTarget: 2,
 *   expect: { reproduces: ['duplicate-machine-sid', 'duplicate-account-sid', 'duplicate-computer-name', 'master-sid-reused'] },
 * });
 */
export function defineScenario(input: ScenarioInput): Scenario {
  return validateScenario(input, null);
}
