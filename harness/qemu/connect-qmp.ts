import { access } from 'node:fs/promises';
import { InfrastructureError } from '../errors/errors.js';
import { QmpSession } from './qmp-session.js';

/** What `connectQmpWhenReady` needs to know of the VM whose socket it waits for. */
export interface QmpTarget {
  socket: string;
  /** The VM's name, for messages. */
  name: string;
  machine?: string;
  /** The error to fail with once QEMU exited (no socket will come), else undefined. */
  exitError(): Error | undefined;
  /** Waits up to `ms` (returns early when QEMU exits). */
  pause(ms: number): Promise<unknown>;
}

const POLL_MS = 50;

/** Connects to a VM's QMP socket, retrying until QEMU has made it, QEMU exited, or `timeoutMs` passed. */
export async function connectQmpWhenReady(target: QmpTarget, timeoutMs: number): Promise<QmpSession> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const exited = target.exitError();
    if (exited) throw exited;
    const remaining = deadline - performance.now();
    if (remaining <= 0) {
      throw new InfrastructureError(`QMP socket ${target.socket} of VM "${target.name}" did not answer within ${timeoutMs} ms`, {
        step: 'qmp', machine: target.machine, timedOut: true, cause: lastError,
      });
    }
    try {
      await access(target.socket);
      return await QmpSession.connect(target.socket, { timeoutMs: remaining, name: `VM "${target.name}"` });
    } catch (error) {
      lastError = error;
    }
    await target.pause(Math.min(POLL_MS, remaining));
  }
}
