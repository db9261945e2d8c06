import { rm } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { InfrastructureError } from '../errors/errors.js';
import type { Accel } from '../qemu/types.js';
import { type BootOutcome, bootGuest } from './boot-guest.js';
import { describeFailure, readConsoleTail } from './describe-failure.js';
import type { SidChanger } from './kernel-append.js';
import { renameOrRemove } from '../host/atomic.js';

/** Input of `generalizeGuest`. */
export interface GeneralizeGuestInput {
  /** The installed disk to generalize; replaced (atomically) by its generalized copy. */
  image: string;
  model: HardwareModel;
  /** Put every mass-storage driver of the store into the loader (Sysprep's [SysprepMassStorage]). */
  massStorage?: boolean;
  /** The SID changer mini-setup runs (default `setupcl`: descriptors naming the old SID are rewritten). */
  sidChanger?: SidChanger;
  accel: Accel;
  workDir: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * Runs sysprep inside the guest: boots a copy of the image with the generalize flag, and
 * when the guest says it generalized, renames the copy over the image. Never a half result.
 * @example await generalizeGuest({ image: 'master.img', model, massStorage: true, accel: 'tcg', workDir: 'w' })
 */
export async function generalizeGuest(input: GeneralizeGuestInput): Promise<BootOutcome> {
  const image = path.resolve(input.image);
  const temporary = `${image}.generalizing-${process.pid}`;
  try {
    await execa('cp', ['--sparse=always', image, temporary]);
    const asked = { massStorage: input.massStorage ?? false, sidChanger: input.sidChanger ?? 'setupcl' } as const;
    const outcome = await bootGuest({
      disk: temporary, model: input.model, mode: 'generalize', ...asked, accel: input.accel,
      workDir: input.workDir, ...(input.signal ? { signal: input.signal } : {}), timeoutMs: input.timeoutMs ?? 120_000,
    });
    const problem = checkGeneralized(outcome, asked);
    if (problem) {
      throw new InfrastructureError(
        `Generalize on ${input.model.name} ${problem}; console log: ${outcome.consoleLog}: ${await readConsoleTail(outcome.consoleLog)}`,
        { phase: 'generalize', machine: input.model.name },
      );
    }
    await renameOrRemove(temporary, image);
    return outcome;
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * The one success test of a generalize boot (the CLI's and the lifecycle's): the report is whole
 * and its "generalized" line says the guest did what was asked. Returns what went wrong, or
 * undefined.
 * @example const problem = checkGeneralized(outcome, { massStorage: false, sidChanger: 'setupcl' });
 */
export function checkGeneralized(outcome: BootOutcome, asked: { massStorage: boolean; sidChanger: SidChanger }): string | undefined {
  const done = outcome.report?.generalized;
  if (!done || !outcome.report?.complete) return `did not finish (${describeFailure(outcome)})`;
  if (done.massStorage !== asked.massStorage || done.sidChanger !== asked.sidChanger) {
    return `did other than asked: asked for mass storage ${asked.massStorage} and SID changer ${asked.sidChanger}, the guest reported mass storage ${done.massStorage} and SID changer ${done.sidChanger}`;
  }
  return undefined;
}
