import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResultPromise } from 'execa';

/** How and when a QEMU process ended. */
export interface ExitFacts {
  exitCode?: number;
  signal?: string;
  /** `performance.now()` when the exit was seen. */
  at: number;
}

/** Resolves once the process exited and its pipes drained (bounded: a grandchild could keep them open). */
export async function waitForProcessExit(subprocess: ResultPromise): Promise<ExitFacts> {
  const [exitCode, signal] = (await once(subprocess, 'exit')) as [number | null, NodeJS.Signals | null];
  await settleWithin(subprocess, 1000);
  return { at: performance.now(), ...(exitCode === null ? {} : { exitCode }), ...(signal === null ? {} : { signal }) };
}

/** Resolves true when `exit` settles within `ms`, false on timeout or when `signal` aborts first; leaves no timer behind. */
export async function raceExit(exit: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<boolean> {
  const controller = new AbortController();
  const signals = [controller.signal, ...(signal ? [signal] : [])];
  try {
    return await Promise.race([
      exit.then(() => true),
      sleep(ms, false, { signal: AbortSignal.any(signals) }).catch(() => false),
    ]);
  } finally {
    controller.abort();
  }
}

/** Waits until `promise` settles (either way), but at most `ms`; leaves no timer behind. */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  const controller = new AbortController();
  try {
    await Promise.race([promise.catch(() => undefined), sleep(ms, undefined, { signal: controller.signal }).catch(() => undefined)]);
  } finally {
    controller.abort();
  }
}
