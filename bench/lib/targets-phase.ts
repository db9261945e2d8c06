import type { ScenarioResult } from '../../harness/results/types.js';

/** Milliseconds a scenario spent in its `targets` phase (apply → boot → probe of every clone), from its timeline. */
export function targetsPhaseMs(scenario: Pick<ScenarioResult, 'timeline' | 'name'>): number {
  const index = scenario.timeline.findIndex((entry) => entry.state === 'targets');
  const next = scenario.timeline[index + 1];
  if (index < 0 || !next) throw new Error(`scenario ${scenario.name} has no complete targets phase in its timeline (${scenario.timeline.map((entry) => entry.state).join(' → ')})`);
  return next.at - scenario.timeline[index]!.at;
}
