import { rm } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { InfrastructureError } from '../errors/errors.js';
import type { Accel } from '../qemu/types.js';
import { type BootOutcome, bootGuest } from './boot-guest.js';
import { describeFailure, readConsoleTail } from './describe-failure.js';
import { renameOrRemoveFile } from './rename-file.js';

/** Input of `generalizeGuest`. */
export interface GeneralizeGuestInput {
  /** The installed disk to generalize; replaced (atomically) by its generalized copy. */
  image: string;
  model: HardwareModel;
  /** Put every mass-storage driver of the store into the loader (Sysprep's [SysprepMassStorage]). */
  massStorage?: boolean;
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
    const outcome = await bootGuest({
      disk: temporary, model: input.model, mode: 'generalize', massStorage: input.massStorage ?? false, accel: input.accel,
      workDir: input.workDir, ...(input.signal ? { signal: input.signal } : {}), timeoutMs: input.timeoutMs ?? 120_000,
    });
    if (!outcome.report?.generalized || !outcome.report.complete) {
      throw new InfrastructureError(
        `Generalize on ${input.model.name} did not finish (${describeFailure(outcome)}); console log: ${outcome.consoleLog}: ${await readConsoleTail(outcome.consoleLog)}`,
        { phase: 'generalize', machine: input.model.name },
      );
    }
    await renameOrRemoveFile(temporary, image);
    return outcome;
  } finally {
    await rm(temporary, { force: true });
  }
}
