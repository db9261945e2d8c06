import { listModelDevices } from '../../machines/catalog/model-devices.js';
import type { HardwareModel } from '../../machines/catalog/types.js';
import type { DeviceSpec } from '../../machines/devices/types.js';
import type { DriverMatch, ImageInspection, ServiceEntry } from './types.js';

// What a Windows image will do on a hardware model, read from its registry: the storage
// controller must have a driver for its PCI ID that starts at boot (Start 0), or the kernel
// cannot reach its boot disk (STOP 0x7B INACCESSIBLE_BOOT_DEVICE); a NIC or video card
// without any driver comes up with problem 28. Windows takes the most specific match:
// a hardware ID (vendor and device) before a compatible ID (the class code).

/** The two failures a prediction names, as the lab names them (harness/spec/failure-names.ts). */
export type PredictedFailure = 'stop-0x7b' | 'problem-28';

/** What one device of a model is predicted to do. */
export interface DevicePrediction {
  /** `storage`, `nic0`, `video`. */
  role: string;
  kind: 'storage' | 'nic' | 'video';
  qemu: string;
  /** `8086:2922`. */
  pci: string;
  /** Class and subclass, 4 hex digits. */
  pciClass: string;
  /** storage: boots or stop-0x7b; nic and video: driver or problem-28; unknown when the registry cannot tell. */
  verdict: 'boots' | 'stop-0x7b' | 'driver' | 'problem-28' | 'unknown';
  /** The service the matching entry names, and its Start. */
  service?: string;
  start?: number;
  /** How the driver was matched: by vendor and device, by class, or not at all. */
  match: 'hardware-id' | 'class' | 'none';
  reason: string;
  /** Registry keys that decided it. */
  evidence: string[];
}

/** One model × image cell of the prediction matrix. */
export interface ModelPrediction {
  model: string;
  image: string;
  /** stop-0x7b when the storage controller has no boot-start driver; unknown when the registry cannot tell; else boots. */
  outcome: 'boots' | 'stop-0x7b' | 'unknown';
  failures: PredictedFailure[];
  devices: DevicePrediction[];
}

const START_WORDS = ['boot', 'system', 'auto', 'demand', 'disabled'];

/** Says a service's Start value in words: `3 (demand)`. */
export function describeStart(start: number | undefined): string {
  return start === undefined ? 'no Start value' : `Start ${start} (${START_WORDS[start] ?? 'unknown'})`;
}

/**
 * Predicts, for each model, whether the image boots (its storage controller's driver is
 * boot-start) and which NICs and video cards get no driver. Pure: reads the inspection only.
 * @example predictModels([findModel('desktop-ahci')!], inspection)[0].outcome // 'stop-0x7b' on an IDE-installed XP
 */
export function predictModels(models: readonly HardwareModel[], image: ImageInspection): ModelPrediction[] {
  const services = new Map(image.services.map((service) => [service.name.toLowerCase(), service]));
  const databases = new Set(image.drivers.map((driver) => driver.database));
  return models.map((model) => {
    const devices = listModelDevices(model).flatMap(({ role, spec }) => (spec ? [predictDevice(role, spec, image, services, databases)] : []));
    const storage = devices.find((device) => device.kind === 'storage');
    const failures: PredictedFailure[] = [];
    if (storage?.verdict === 'stop-0x7b') failures.push('stop-0x7b');
    if (devices.some((device) => device.verdict === 'problem-28')) failures.push('problem-28');
    const outcome = storage?.verdict === 'stop-0x7b' ? 'stop-0x7b' : storage?.verdict === 'boots' ? 'boots' : 'unknown';
    return { model: model.name, image: image.image.label, outcome, failures, devices };
  });
}

function predictDevice(role: string, spec: DeviceSpec, image: ImageInspection, services: Map<string, ServiceEntry>, databases: Set<DriverMatch['database']>): DevicePrediction {
  const pci = `${spec.pci.vendor}:${spec.pci.device}`;
  const base = { role, kind: spec.kind, qemu: spec.qemu, pci, pciClass: spec.pciClass };
  const ids = `PCI\\VEN_${spec.pci.vendor.toUpperCase()}&DEV_${spec.pci.device.toUpperCase()} (class ${spec.pciClass})`;
  const { match, entries } = findMatches(image.drivers, spec);
  if (spec.kind !== 'storage') return predictFunctionDriver(base, ids, match, entries, services, databases);
  if (databases.size === 0) {
    return { ...base, verdict: 'unknown', match, reason: 'the SYSTEM hive has neither a CriticalDeviceDatabase nor a DriverDatabase to match PCI IDs against', evidence: [] };
  }
  if (entries.length === 0) {
    return { ...base, verdict: 'stop-0x7b', match, reason: `no boot-critical driver for ${ids} in the ${describeDatabases(databases)}`, evidence: [] };
  }
  const judged = entries.map((entry) => ({ entry, service: entry.service === undefined ? undefined : services.get(entry.service.toLowerCase()) }));
  const evidence = judged.flatMap(({ entry, service }) => [...entry.evidence, ...(service ? [`${service.source}\\Start = ${service.start ?? 'absent'}`] : [])]);
  const booting = judged.find(({ service }) => service?.start === 0);
  if (booting) {
    return { ...base, verdict: 'boots', match, service: booting.service!.name, start: 0, reason: `${booting.service!.name} serves ${ids} (${describeMatch(match)}) and is boot-start`, evidence };
  }
  const unresolved = judged.filter(({ entry }) => entry.service === undefined);
  if (unresolved.length > 0) {
    return { ...base, verdict: 'unknown', match, reason: `${unresolved.map(({ entry }) => entry.inf ?? entry.id).join(', ')} serve(s) ${ids} but the registry does not say which service it installs`, evidence };
  }
  const first = judged[0]!;
  const reason = first.service
    ? `${first.service.name} serves ${ids} (${describeMatch(match)}) but is not boot-start: ${describeStart(first.service.start)}`
    : `${first.entry.service} serves ${ids} (${describeMatch(match)}) but has no key under Services: the driver is not installed`;
  return { ...base, verdict: 'stop-0x7b', match, service: first.service?.name ?? first.entry.service!, ...(first.service?.start !== undefined ? { start: first.service.start } : {}), reason, evidence };
}

function predictFunctionDriver(base: Pick<DevicePrediction, 'role' | 'kind' | 'qemu' | 'pci' | 'pciClass'>, ids: string, match: DevicePrediction['match'], entries: DriverMatch[], services: Map<string, ServiceEntry>, databases: Set<DriverMatch['database']>): DevicePrediction {
  if (entries.length > 0) {
    const entry = entries[0]!;
    const service = entry.service === undefined ? undefined : services.get(entry.service.toLowerCase());
    const evidence = entries.flatMap((candidate) => candidate.evidence);
    return {
      ...base, verdict: 'driver', match, ...(entry.service ? { service: entry.service } : {}), ...(service?.start !== undefined ? { start: service.start } : {}),
      reason: `${entry.service ?? entry.inf ?? entry.id} serves ${ids} (${describeMatch(match)})${service?.start === 4 ? ', but its service is disabled' : ''}`, evidence,
    };
  }
  if (!databases.has('driver-database')) {
    return { ...base, verdict: 'unknown', match, reason: 'NT before 6.2 keeps no registry index of the drivers it has for NICs and video (that is the INF files under Windows\\inf, not read here)', evidence: [] };
  }
  return { ...base, verdict: 'problem-28', match, reason: `no driver for ${ids} in SYSTEM\\DriverDatabase\\DeviceIds\\PCI`, evidence: [] };
}

/** The driver entries for a device: by vendor and device if any, else by class code (6 digits: prog-if not known here, compared by class and subclass). */
export function findMatches(drivers: readonly DriverMatch[], spec: DeviceSpec): { match: DevicePrediction['match']; entries: DriverMatch[] } {
  const hardware = drivers.filter((driver) => driver.vendor === spec.pci.vendor && driver.device === spec.pci.device);
  if (hardware.length > 0) return { match: 'hardware-id', entries: hardware };
  const byClass = drivers.filter((driver) => driver.classCode !== undefined && driver.classCode.slice(0, 4) === spec.pciClass.toLowerCase());
  return byClass.length > 0 ? { match: 'class', entries: byClass } : { match: 'none', entries: [] };
}

function describeMatch(match: DevicePrediction['match']): string {
  return match === 'hardware-id' ? 'by vendor and device' : match === 'class' ? 'by class code' : 'no match';
}

function describeDatabases(databases: Set<DriverMatch['database']>): string {
  return [...databases].map((database) => (database === 'critical-device-database' ? 'CriticalDeviceDatabase' : 'DriverDatabase')).join(' or ');
}
