// Beside the error roots, at the bottom of the harness: errors, the results and the lifecycle all
// name a phase.

/** The phases of a scenario run, in order: each has its own timeout and its own retries. */
export const PHASES = ['install', 'generalize', 'capture', 'targets', 'check'] as const;

/** One phase of a scenario run. */
export type Phase = (typeof PHASES)[number];

/** True when `value` names a phase. */
export function isPhase(value: unknown): value is Phase {
  return (PHASES as readonly unknown[]).includes(value);
}

/**
 * Where an error happened, in words: the phase, then the step when it says more.
 * @example describeErrorPlace({ phase: 'targets', step: 'boot' }) // 'targets/boot'
 * @example describeErrorPlace({ phase: 'install', step: 'install' }) // 'install'
 */
export function describeErrorPlace(error: { phase: Phase; step: string }): string {
  return error.step === error.phase ? error.phase : `${error.phase}/${error.step}`;
}
