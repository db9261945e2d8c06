import { ClonelabError, InfrastructureError, UsageError } from '../errors/errors.js';
import type { ErrorRecord, Phase } from './types.js';

/**
 * Turns whatever a step threw into a record: infrastructure (retriable), usage, or internal.
 * `phase` is the lifecycle phase that was running; the step is the error's own (`wim-apply`,
 * `vm-start`, …), else `step` (a clone's state), else the phase.
 */
export function toErrorRecord(error: unknown, phase: Phase, step: string = phase): ErrorRecord {
  const message = error instanceof Error ? error.message : String(error);
  const where = { phase, step: (error instanceof ClonelabError ? error.step : undefined) ?? step };
  if (error instanceof InfrastructureError) {
    return { kind: 'infrastructure', ...where, message, timedOut: error.timedOut, machine: error.machine };
  }
  if (error instanceof UsageError) return { kind: 'usage', ...where, message, timedOut: false, machine: error.machine };
  return { kind: 'internal', ...where, message: error instanceof Error && error.stack ? error.stack : message, timedOut: false };
}
