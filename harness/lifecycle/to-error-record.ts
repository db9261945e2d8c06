import { InfrastructureError, UsageError } from '../errors/errors.js';
import type { ErrorRecord } from './types.js';

/** Turns whatever a step threw into a record: infrastructure (retriable), usage, or internal. */
export function toErrorRecord(error: unknown, phase: string): ErrorRecord {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof InfrastructureError) {
    return { kind: 'infrastructure', phase: error.phase ?? phase, message, timedOut: error.timedOut, machine: error.machine };
  }
  if (error instanceof UsageError) return { kind: 'usage', phase: error.phase ?? phase, message, timedOut: false, machine: error.machine };
  return { kind: 'internal', phase, message: error instanceof Error && error.stack ? error.stack : message, timedOut: false };
}
