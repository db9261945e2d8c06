import { chmod, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { InfrastructureError } from '../errors/errors.js';
import { copySparse } from '../host/sparse-copy.js';
import { withTeardown } from '../teardown/with-teardown.js';
import { type BootGuestInput, type BootOutcome, bootGuest } from './boot-guest.js';
import { describeFailure, readConsoleTail } from './describe-failure.js';
import type { SidChanger } from './kernel-append.js';
import { renameOrRemove } from '../host/atomic.js';

/**
 * Input of `generalizeGuest`: the generalize boot's inputs (`massStorage` puts every mass-storage
 * driver of the store into the loader, Sysprep's [SysprepMassStorage]; `signal` also stops the
 * copy, and no half result is left), and the image.
 */
export interface GeneralizeGuestInput extends Pick<BootGuestInput, 'model' | 'massStorage' | 'sidChanger' | 'accel' | 'workDir' | 'bootFileStore' | 'signal' | 'timeoutMs'> {
  /** The installed disk to generalize; replaced (atomically) by its generalized copy, unless `out` is given. */
  image: string;
  /** Where the generalized copy goes (atomically); `image` is then only read (e.g. a read-only master). Default: `image`. */
  out?: string;
}

/**
 * Runs sysprep inside the guest: boots a copy of the image with the generalize flag, and when the
 * guest says it generalized and powered off, renames the copy over the image (or to `out`). Never
 * a half result. The CLI's `guest generalize` and the lifecycle's generalize step both run this.
 * @example await generalizeGuest({ image: 'master.img', model, massStorage: true, accel: 'tcg', workDir: 'w' })
 */
export async function generalizeGuest(input: GeneralizeGuestInput): Promise<BootOutcome> {
  const image = path.resolve(input.image);
  const out = path.resolve(input.out ?? input.image);
  const temporary = `${out}.generalizing-${process.pid}`;
  return withTeardown(async (teardown) => {
    teardown.defer('remove the temporary copy', () => rm(temporary, { force: true }));
    await copySparse(image, temporary, input.signal);
    // The copy keeps the image's permissions, writable by its owner: the guest writes to it (a master is read-only).
    await chmod(temporary, ((await stat(image)).mode & 0o777) | 0o200);
    const asked = { massStorage: input.massStorage ?? false, sidChanger: input.sidChanger ?? 'setupcl' } as const;
    const outcome = await bootGuest({
      disk: temporary, model: input.model, mode: 'generalize', ...asked, accel: input.accel,
      workDir: input.workDir, ...(input.bootFileStore ? { bootFileStore: input.bootFileStore } : {}), ...(input.signal ? { signal: input.signal } : {}), timeoutMs: input.timeoutMs ?? 120_000,
    });
    const problem = checkGeneralized(outcome, asked);
    if (problem) {
      throw new InfrastructureError(
        `Generalize on ${input.model.name} ${problem}; console log: ${outcome.consoleLog}: ${await readConsoleTail(outcome.consoleLog)}`,
        { phase: 'generalize', machine: input.model.name, timedOut: outcome.vm.timedOut },
      );
    }
    await renameOrRemove(temporary, out);
    return outcome;
  });
}

/**
 * The one success test of a generalize boot: the report is whole, its "generalized" line says the
 * guest did what was asked, and the guest then powered off by itself. The power-off is part of the
 * test because the volume's last writes land after the report: the guest unmounts the system
 * volume (ntfs-3g writes its cache back as it exits) only after its "end" line, so a VM stopped at
 * a timeout after a whole report may leave a half-written volume. Returns what went wrong, or
 * undefined.
 * @example const problem = checkGeneralized(outcome, { massStorage: false, sidChanger: 'setupcl' });
 */
export function checkGeneralized(outcome: BootOutcome, asked: { massStorage: boolean; sidChanger: SidChanger }): string | undefined {
  const done = outcome.report?.generalized;
  if (!done || !outcome.report?.complete) return `did not finish (${describeFailure(outcome)})`;
  if (done.massStorage !== asked.massStorage || done.sidChanger !== asked.sidChanger) {
    return `did other than asked: asked for mass storage ${asked.massStorage} and SID changer ${asked.sidChanger}, the guest reported mass storage ${done.massStorage} and SID changer ${done.sidChanger}`;
  }
  const vm = outcome.vm;
  if (vm.timedOut || vm.canceled || vm.signal !== undefined || vm.exitCode !== 0) {
    return `reported generalized but did not power off by itself (${describeFailure(outcome)}): the volume's last writes may be missing`;
  }
  return undefined;
}
