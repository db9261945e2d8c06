import path from 'node:path';
import type { Command } from 'commander';
import Table from 'cli-table3';
import type { ResolvedModel } from '../../machines/catalog/types.js';
import { runImageFleetChecks } from '../../harness/checks/image-fleet-checks.js';
import type { CheckResult } from '../../harness/checks/types.js';
import { UsageError } from '../../harness/errors/errors.js';
import { resolveModels } from '../../harness/hardware/load-models.js';
import { resolveModel } from '../../harness/hardware/resolve-model.js';
import { buildInspectionResult } from '../../harness/run/inspection-results.js';
import { inspectImages, type InspectFailure } from '../../harness/windows/inspect-image.js';
import { describeStart, predictModels, type ModelPrediction } from '../../harness/windows/predict-boot.js';
import type { ImageInspection } from '../../harness/windows/types.js';
import { writeReports } from '../../reports/write-reports.js';
import { collect } from '../collect.js';
import { EXIT_ERROR, printJson } from '../run-cli.js';

interface InspectOptions { json?: boolean; fleet?: boolean; master?: string; models: string[]; machines?: string; out?: string }

/** What `clonelab inspect --json` prints. */
export interface InspectReport {
  images: ImageInspection[];
  failures: { image: string; error: string }[];
  fleet?: CheckResult[];
  master?: ImageInspection;
  predictions: ModelPrediction[];
}

/** Registers `clonelab inspect`: Windows images read offline (registry hives), fleet checks, STOP 0x7B prediction per model. */
export function registerInspectCommand(program: Command): void {
  program
    .command('inspect <image...>')
    .description('read Windows images offline (WIM or WIM:INDEX, raw or qcow2 disk, folder): identity, drivers, and STOP 0x7B / problem 28 predicted per hardware model; exit 0 fine, 1 a fleet check or a prediction on --machines failed, 2 an image could not be read')
    .option('--json', 'print the inspections, fleet checks and predictions as JSON')
    .option('--fleet', 'check the images as one fleet: machine SIDs, computer names, NetworkAddress overrides and disk signatures unique')
    .option('--master <image>', 'the image the others were cloned from (one image): none may keep its machine SID (with --fleet)')
    .option('--models <file>', 'hardware models of yours (.json, .js/.mjs; repeatable): they join the built-in catalog', collect, [])
    .option('--machines <names>', 'predict for these hardware models only (comma-separated); a predicted STOP 0x7B or problem 28 on them exits 1')
    .option('--out <dir>', 'write results.json, junit.xml and report.html (the models × images matrix) into this folder')
    .action(async (images: string[], options: InspectOptions) => {
      const catalog = await resolveModels(options.models);
      const chosen = options.machines?.split(',').map((name) => resolveModel(name.trim(), catalog));
      const models: readonly ResolvedModel[] = chosen ?? catalog;
      const startedAt = new Date();
      const outcome = await inspectImages(images);
      const master = options.master === undefined ? undefined : await inspectMaster(options.master);
      const finishedAt = new Date();
      const fleet = options.fleet ? runImageFleetChecks(outcome.inspections, master) : undefined;
      const predictions = new Map(outcome.inspections.map((image) => [image.image.label, predictModels(models, image)] as const));
      if (options.out) {
        const result = buildInspectionResult({ startedAt, finishedAt, inspections: outcome.inspections, failures: outcome.failures, fleet: options.fleet === true, ...(master ? { master } : {}), catalog: models, predictions });
        await writeReports(result, options.out, { embedScreenshots: false });
      }
      const flat = [...predictions.values()].flat();
      if (options.json) {
        const report: InspectReport = {
          images: outcome.inspections, failures: outcome.failures.map(describeFailure), ...(fleet ? { fleet } : {}), ...(master ? { master } : {}), predictions: flat,
        };
        printJson(report);
      } else {
        printText(outcome.inspections, outcome.failures, fleet, models, predictions);
        if (options.out) console.log(`reports: ${path.join(options.out, 'results.json')}, junit.xml, report.html`);
      }
      if (outcome.failures.length > 0) process.exitCode = EXIT_ERROR;
      else if (fleet?.some((check) => check.status === 'fail') || (chosen && flat.some((prediction) => prediction.failures.length > 0))) process.exitCode = 1;
    });
}

/** Inspects the master image: it must name exactly one image. */
async function inspectMaster(spec: string): Promise<ImageInspection> {
  const outcome = await inspectImages([spec]);
  if (outcome.failures.length > 0) throw outcome.failures[0]!.error;
  if (outcome.inspections.length !== 1) {
    throw new UsageError(`--master ${spec} holds ${outcome.inspections.length} Windows images: name one (X.wim:INDEX).`, { step: 'inspect' });
  }
  return outcome.inspections[0]!;
}

function describeFailure(failure: InspectFailure): { image: string; error: string } {
  return { image: failure.ref.label, error: failure.error.message };
}

function printText(images: readonly ImageInspection[], failures: readonly InspectFailure[], fleet: CheckResult[] | undefined, models: readonly ResolvedModel[], predictions: ReadonlyMap<string, readonly ModelPrediction[]>): void {
  for (const image of images) console.log(describeInspection(image));
  for (const failure of failures) console.log(`${failure.ref.label}: not inspected: ${failure.error.message}`);
  if (fleet) {
    console.log(`\nfleet of ${images.length} image(s):`);
    for (const check of fleet) console.log(`  ${check.status.toUpperCase().padEnd(4)} ${check.id}: ${check.summary}`);
  }
  if (images.length === 0) return;
  console.log('\npredicted on each hardware model (storage driver boot-start? NIC and video drivers?):');
  const table = new Table({ style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' }, head: ['model', 'storage', ...images.map((image) => image.image.label)] });
  for (const model of models) {
    const cells = images.map((image) => describeCell(predictions.get(image.image.label)?.find((prediction) => prediction.model === model.name)));
    table.push([model.name, model.storage.device, ...cells]);
  }
  console.log(table.toString());
  console.log('boots: the storage driver is boot-start; 0x7B: predicted STOP 0x7B; 28: a NIC or video card without driver; ?: the registry cannot tell');
}

function describeCell(prediction: ModelPrediction | undefined): string {
  if (!prediction) return '';
  const first = prediction.outcome === 'stop-0x7b' ? '0x7B' : prediction.outcome === 'boots' ? 'boots' : '?';
  const missing = prediction.devices.filter((device) => device.verdict === 'problem-28').map((device) => device.role);
  return missing.length > 0 ? `${first}, 28: ${missing.join(' ')}` : first;
}

/** A few lines per image: what it is and who it is. */
export function describeInspection(image: ImageInspection): string {
  const lines = [`${image.image.label}: ${image.product.name ?? 'unknown product'}${image.ntVersion ? ` (NT ${image.ntVersion}${image.product.build ? `, build ${image.product.build}` : ''})` : ''}, ${image.state}, read in ${(image.inspectMs / 1000).toFixed(2)} s`];
  lines.push(`  system root ${image.systemRoot}; control set ${image.controlSet.value}${image.state === 'generalized' ? `; setup pending: ${image.stateEvidence.join(', ')}` : ''}`);
  const sid = image.machineSid ? `${image.machineSid.value}${image.policySid ? (image.sidMismatch ? ` (SECURITY says ${image.policySid.value})` : ' (SECURITY agrees)') : ''}` : 'none';
  lines.push(`  computer name ${image.computerName?.value ?? 'none'}; machine SID ${sid}${image.state === 'generalized' ? ' (not in use: made anew on first boot)' : ''}`);
  if (image.accounts.length > 0) lines.push(`  accounts: ${image.accounts.map((account) => `${account.name} (${account.rid})`).join(', ')}`);
  if (image.profiles.length > 0) lines.push(`  profiles: ${image.profiles.map((profile) => profile.sid).join(', ')}`);
  for (const nic of image.nics) lines.push(`  NIC ${nic.instance}: ${nic.description ?? nic.matchingDeviceId ?? '?'}${nic.networkAddress !== undefined ? `, NetworkAddress ${nic.networkAddress}` : ''}`);
  for (const device of image.mountedDevices.filter((entry) => /^\\DosDevices\\/i.test(entry.name))) {
    lines.push(`  ${device.name.replace(/^\\DosDevices\\/i, '')} → ${device.mbr ? `MBR disk ${device.mbr.signature}, partition at byte ${device.mbr.offsetBytes}` : device.gptPartitionGuid ? `GPT partition ${device.gptPartitionGuid}` : `${device.raw?.slice(0, 40)}…`}`);
  }
  if (image.disk) lines.push(`  disk: ${image.disk.table.toUpperCase()} ${image.disk.signature ?? image.disk.diskGuid ?? ''}, ${image.disk.sectorSize}-byte sectors, partition at byte ${image.disk.partitionOffset}`);
  const byService = new Map<string, string[]>();
  for (const driver of image.drivers) {
    if (!driver.service) continue;
    const ids = byService.get(driver.service.toLowerCase()) ?? [];
    ids.push(driver.vendor ? `${driver.vendor}:${driver.device}` : `cc_${driver.classCode}`);
    byService.set(driver.service.toLowerCase(), ids);
  }
  const storage = image.services.filter((service) => byService.has(service.name.toLowerCase()));
  if (storage.length > 0) lines.push(`  drivers for PCI IDs: ${storage.map((service) => `${service.name} ${describeStart(service.start)} [${byService.get(service.name.toLowerCase())!.join(' ')}]`).join('; ')}`);
  for (const warning of image.warnings) lines.push(`  warning: ${warning}`);
  return lines.join('\n');
}
