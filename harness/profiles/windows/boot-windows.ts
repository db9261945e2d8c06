import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors/errors.js';
import { predictModels, describeStart } from '../../windows/predict-boot.js';
import type { ImageInspection } from '../../windows/types.js';
import type { BootInput, BootResult } from '../types.js';
import { inspectOne } from './inspect-one.js';
import { toWindowsBoot } from './to-clone-report.js';

/**
 * A Windows clone's "boot": its disk inspected offline (registry hives through hivex, no VM)
 * and its boot on the target model predicted from the driver database. The inspection and the
 * prediction are written into the boot folder (`inspection.txt` as the console log,
 * `inspection.json` as the agent log), so JUnit and HTML show what decided. A disk whose
 * Windows cannot be read is the predicted STOP 0xED (UNMOUNTABLE_BOOT_VOLUME).
 */
export async function bootWindows(input: BootInput): Promise<BootResult> {
  await mkdir(input.workDir, { recursive: true });
  const consoleLog = path.join(input.workDir, 'inspection.txt');
  let inspection: ImageInspection;
  try {
    inspection = await inspectOne(input.disk, input.signal);
  } catch (error) {
    // A host tool that failed is the lab's problem (retried), not the image's.
    if (input.signal.aborted || !(error instanceof UsageError)) throw error;
    const text = `predicted STOP 0x000000ED UNMOUNTABLE_BOOT_VOLUME on ${input.model.name}: ${error.message}`;
    await writeFile(consoleLog, `${text}\n`);
    return { stop: { failure: 'stop-0xed', text }, consoleLog, macs: [], malformedLines: 0 };
  }
  const prediction = predictModels([input.model], inspection)[0]!;
  const agentLog = path.join(input.workDir, 'inspection.json');
  await writeFile(agentLog, `${JSON.stringify({ inspection, prediction }, null, 1)}\n`);
  await writeFile(consoleLog, describeInspection(inspection, prediction));
  return { ...toWindowsBoot(inspection, prediction, input.model), consoleLog, agentLog, macs: [], malformedLines: 0, reportMs: inspection.inspectMs };
}

/** What a person reads first: the image, its state and identity, then each device's prediction and why. */
function describeInspection(inspection: ImageInspection, prediction: ReturnType<typeof predictModels>[number]): string {
  const lines = [
    `clonelab: ${inspection.image.label} inspected offline (no VM): ${inspection.product.name ?? 'Windows'} NT ${inspection.ntVersion ?? '?'}, ${inspection.controlSet.value}`,
    inspection.state === 'generalized'
      ? `state: generalized (setup pending: no machine SID or computer name in use) — ${inspection.stateEvidence.join('; ')}`
      : `state: specialized — machine SID ${inspection.machineSid?.value ?? 'none'}, computer name ${inspection.computerName?.value ?? 'none'}`,
    `disk: ${inspection.disk ? `${inspection.disk.table} ${inspection.disk.signature ?? inspection.disk.diskGuid ?? ''}` : 'none'}`,
    `prediction on ${prediction.model}: ${prediction.outcome}`,
    ...prediction.devices.map((device) => `  ${device.role} ${device.qemu} ${device.pci}: ${device.verdict}${device.start === undefined ? '' : ` (${describeStart(device.start)})`}: ${device.reason}`),
    ...inspection.warnings.map((warning) => `warning: ${warning}`),
  ];
  return `${lines.join('\n')}\n`;
}
