import { TeardownStack, type TeardownFailure } from './teardown-stack.js';

/** Options of `withTeardown`. */
export interface WithTeardownOptions {
  /** Told about every error that is not thrown (default: a process warning, `TeardownWarning`). */
  onLaterError?: (failure: TeardownFailure) => void;
}

/**
 * Runs `body` with a fresh teardown stack, then unwinds the stack whatever happened (success,
 * failure, abort). The first error is the one thrown: the body's, else the first failed cleanup's;
 * the others go to `onLaterError`, so a cleanup can never hide why the work failed.
 * @example
 * const disk = await withTeardown(async (teardown) => {
 *   await createDisk(temporary, geometry, { signal });
 *   teardown.defer('remove the temporary disk', () => rm(temporary, { force: true }));
 *   …
 * });
 */
export async function withTeardown<T>(body: (teardown: TeardownStack) => Promise<T>, options: WithTeardownOptions = {}): Promise<T> {
  const teardown = new TeardownStack();
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await body(teardown) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  const failures = await teardown.unwind();
  const report = options.onLaterError ?? warnTeardownFailure;
  if (!outcome.ok) {
    for (const failure of failures) report(failure);
    throw outcome.error;
  }
  const [first, ...later] = failures;
  for (const failure of later) report(failure);
  if (first) throw first.error;
  return outcome.value;
}

/** Reports a cleanup error that is not thrown as a process warning (Node prints it on stderr unless run with --no-warnings). */
export function warnTeardownFailure(failure: TeardownFailure): void {
  const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
  process.emitWarning(`teardown step "${failure.name}" failed: ${reason}`, { type: 'TeardownWarning' });
}
