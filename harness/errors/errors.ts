import type { Phase } from './phase.js';

/**
 * The two error roots of clonelab (as in the NixOS test driver): bad input from the user,
 * and infrastructure that failed through no fault of the user. Anything else thrown is a bug of
 * clonelab (recorded as an `internal` error). A failed check is not an error at all: it is a
 * result with evidence (see harness/checks).
 */

/** Facts an error can carry besides its message. */
export interface ErrorFacts {
  /** The lifecycle phase, when the code that throws knows it (the lifecycle records its own). */
  phase?: Phase;
  /** What was running, e.g. `vm-start`, `placement`, `wim-apply`, `load`. */
  step?: string;
  /** Hardware model name, when one is involved. */
  machine?: string;
  /** Scenario name, when one is involved. */
  scenario?: string;
  /** What the user can do about it. */
  hint?: string;
  /** The original error. */
  cause?: unknown;
}

/** Base class of every error clonelab throws on purpose. */
export class ClonelabError extends Error {
  readonly phase: Phase | undefined;
  readonly step: string | undefined;
  readonly machine: string | undefined;
  readonly scenario: string | undefined;
  readonly hint: string | undefined;

  constructor(message: string, facts: ErrorFacts = {}) {
    super(message, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.name = new.target.name;
    this.phase = facts.phase;
    this.step = facts.step;
    this.machine = facts.machine;
    this.scenario = facts.scenario;
    this.hint = facts.hint;
  }
}

/** The user gave something clonelab cannot use (a scenario, a model, a flag, a file). */
export class UsageError extends ClonelabError {}

/** Something clonelab depends on failed: QEMU, wimlib, a timeout, the host. May be retried. */
export class InfrastructureError extends ClonelabError {
  /** True when the failure was a timeout. */
  readonly timedOut: boolean;
  /** True when the work was cancelled (abort signal, Ctrl-C). */
  readonly isCanceled: boolean;

  constructor(message: string, facts: ErrorFacts & { timedOut?: boolean; isCanceled?: boolean } = {}) {
    super(message, facts);
    this.timedOut = facts.timedOut ?? false;
    this.isCanceled = facts.isCanceled ?? false;
  }
}

/** Describes a value for an error message: strings quoted, everything else as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}

/** Builds the standard "what was wrong, what was expected, what was given" usage error. */
export function invalidInput(what: string, expected: string, given: unknown, facts: ErrorFacts = {}): UsageError {
  return new UsageError(`Invalid ${what}: expected ${expected}, got ${describeValue(given)}.`, facts);
}
