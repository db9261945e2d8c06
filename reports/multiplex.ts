import type { Reporter, RunBeginInfo } from '../harness/results/reporter.js';
import type { CloneRun, RunResult, ScenarioResult, TimelineEntry } from '../harness/results/types.js';

/** A reporter with every hook present; `onEnd` always returns a promise. */
export interface MultiplexedReporter extends Reporter {
  onBegin(info: RunBeginInfo): void;
  onScenarioState(scenario: string, entry: TimelineEntry): void;
  onCloneEnd(scenario: string, clone: CloneRun): void;
  onScenarioEnd(result: ScenarioResult): void;
  onEnd(result: RunResult): Promise<string[]>;
}

/**
 * Fans every hook out to several reporters. A reporter that throws in a progress hook does not
 * stop the others or the run; `onEnd` runs every reporter and then rethrows the first error.
 */
export function multiplexReporters(reporters: readonly Reporter[]): MultiplexedReporter {
  const each = (call: (reporter: Reporter) => void): void => {
    for (const reporter of reporters) {
      try {
        call(reporter);
      } catch (error) {
        console.error(`clonelab: a reporter failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  return {
    onBegin: (info) => each((reporter) => reporter.onBegin?.(info)),
    onScenarioState: (scenario, entry) => each((reporter) => reporter.onScenarioState?.(scenario, entry)),
    onCloneEnd: (scenario, clone) => each((reporter) => reporter.onCloneEnd?.(scenario, clone)),
    onScenarioEnd: (result) => each((reporter) => reporter.onScenarioEnd?.(result)),
    onEnd: async (result) => {
      const settled = await Promise.allSettled(reporters.map(async (reporter) => (await reporter.onEnd?.(result)) ?? []));
      const failed = settled.find((entry) => entry.status === 'rejected');
      if (failed) throw failed.reason;
      return settled.flatMap((entry) => (entry.status === 'fulfilled' ? entry.value : []));
    },
  };
}
