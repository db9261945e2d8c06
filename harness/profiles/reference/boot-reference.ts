import { bootGuest } from '../../guest/boot-guest.js';
import { UnreadableBootVolumeError } from '../../guest/boot-volume-error.js';
import { toCloneReport } from '../../guest/to-clone-report.js';
import type { StopFailure } from '../../probe/boot-stop.js';
import type { BootInput, BootResult } from '../types.js';

const STOPS: Record<string, StopFailure> = { '0x0000007B': 'stop-0x7b', '0x000000ED': 'stop-0xed' };

/**
 * Boots a reference-guest clone: the harness reads the kernel and loader from the clone's volume.
 * A volume it cannot read is the clone's unmountable boot volume (STOP 0xED), not an error.
 */
export async function bootReference(input: BootInput): Promise<BootResult> {
  const preferDrivers = input.model.nics.flatMap((nic) => (nic.installDriver ? [nic.installDriver] : []));
  const outcome = await bootGuest({
    disk: input.disk, format: input.format, ...(input.bootFilesFrom ? { bootFilesFrom: input.bootFilesFrom } : {}),
    model: input.model, mode: 'normal', accel: input.accel, workDir: input.workDir, signal: input.signal, timeoutMs: input.timeoutMs,
    bootFileStore: input.bootFileStore, preferDrivers,
  }).catch((error: unknown) => {
    if (!(error instanceof UnreadableBootVolumeError)) throw error;
    return error;
  });
  if (outcome instanceof UnreadableBootVolumeError) {
    return { stop: { failure: 'stop-0xed', text: `STOP 0x000000ED UNMOUNTABLE_BOOT_VOLUME (boot loader: ${outcome.message})` }, macs: [], malformedLines: 0 };
  }
  const stop = outcome.stop ? { failure: STOPS[outcome.stop] ?? 'no-probe-report', text: `STOP ${outcome.stop} ${outcome.report?.stop?.name ?? ''}`.trim() } : undefined;
  return {
    ...(outcome.report && !outcome.stop ? { report: toCloneReport(outcome.report) } : {}),
    ...(stop ? { stop } : {}),
    vm: outcome.vm, consoleLog: outcome.consoleLog, agentLog: outcome.agentLog, macs: outcome.macs,
    ...(outcome.screenshot ? { screenshot: outcome.screenshot } : {}),
    ...(outcome.reportMs === undefined ? {} : { reportMs: outcome.reportMs }),
    ...(outcome.placement ? { placement: outcome.placement } : {}),
    malformedLines: outcome.malformed.length,
  };
}
