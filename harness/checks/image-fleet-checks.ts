import type { ImageInspection } from '../windows/types.js';
import type { ModelPrediction } from '../windows/predict-boot.js';
import { checkFleetUnique, reportedValue } from './check-fleet-unique.js';
import type { CheckResult } from './types.js';

/** An inspected image as a member of a fleet: its label is its id. */
interface FleetImage {
  cloneId: string;
  image: ImageInspection;
}

/**
 * The fleet checks over Windows images read offline, with the same ids, failure names and
 * uniqueness rule as a booted fleet (checkFleetUnique: a value not reported is never shared):
 * machine SIDs unique and not the master's, computer names unique, NetworkAddress overrides
 * unique, disk signatures unique. A generalized image has no SID or name in use (setup makes
 * new ones on first boot): it does not report them, and its state is in the evidence.
 */
export function runImageFleetChecks(images: readonly ImageInspection[], master?: ImageInspection): CheckResult[] {
  const fleet: FleetImage[] = images.map((image) => ({ cloneId: image.image.label, image }));
  const inUse = (entry: FleetImage): boolean => entry.image.state === 'specialized';
  const states = Object.fromEntries(fleet.map((entry) => [entry.cloneId, entry.image.state]));
  const withStates = (check: CheckResult): CheckResult => ({ ...check, evidence: { ...check.evidence, states } });
  return [
    withStates(checkFleetUnique('machine-sid-unique', 'machine SIDs', 'duplicate-machine-sid', 'registry: SAM\\SAM\\Domains\\Account V (last 24 bytes), images whose identity is in use', fleet,
      (entry) => (inUse(entry) ? [entry.image.machineSid?.value] : []))),
    checkMasterSid(fleet, master),
    withStates(checkFleetUnique('computer-name-unique', 'computer names', 'duplicate-computer-name', 'registry: SYSTEM\\<current control set>\\Control\\ComputerName\\ComputerName, images whose identity is in use', fleet,
      (entry) => (inUse(entry) ? [entry.image.computerName?.value] : []))),
    checkFleetUnique('mac-unique', 'NetworkAddress overrides', 'duplicate-mac', 'registry: NetworkAddress of SYSTEM\\<current control set>\\Control\\Class\\{4D36E972-…}\\000N (a MAC pinned for every clone)', fleet,
      (entry) => entry.image.nics.flatMap((nic) => (nic.overrideMac ? [nic.overrideMac] : []))),
    withDiskSources(checkFleetUnique('disk-signature-unique', 'disk signatures', 'duplicate-disk-signature', 'the disk\'s MBR signature (0x1B8) or GPT disk GUID; for a WIM or folder, the MBR signature SYSTEM\\MountedDevices gives C:', fleet,
      (entry) => [describeDiskSignature(entry.image)?.value]), fleet),
  ];
}

/** The signature a disk image carries, or the one its registry remembers for C: (MBR only). */
export function describeDiskSignature(image: ImageInspection): { value: string; source: string } | undefined {
  if (image.disk?.table === 'mbr' && image.disk.signature) return { value: `mbr:${image.disk.signature}`, source: 'MBR at 0x1B8' };
  if (image.disk?.table === 'gpt' && image.disk.diskGuid) return { value: `gpt:${image.disk.diskGuid.toLowerCase()}`, source: 'GPT header disk GUID' };
  const c = image.mountedDevices.find((device) => device.name.toLowerCase() === '\\dosdevices\\c:' && device.mbr);
  return c?.mbr ? { value: `mbr:${c.mbr.signature}`, source: c.source } : undefined;
}

function withDiskSources(check: CheckResult, fleet: readonly FleetImage[]): CheckResult {
  const sources = Object.fromEntries(fleet.map((entry) => [entry.cloneId, describeDiskSignature(entry.image)?.source ?? null]));
  return { ...check, evidence: { ...check.evidence, sources } };
}

function checkMasterSid(fleet: readonly FleetImage[], master: ImageInspection | undefined): CheckResult {
  const id = 'master-sid-not-reused';
  const masterSid = master?.machineSid?.value;
  const sid = reportedValue(masterSid)?.toLowerCase();
  const reused = fleet.filter((entry) => sid !== undefined && entry.image.state === 'specialized' && reportedValue(entry.image.machineSid?.value)?.toLowerCase() === sid).map((entry) => entry.cloneId);
  const evidence = { source: `registry: SAM\\SAM\\Domains\\Account V of the master${master ? ` ${master.image.label}` : ''} vs the images'`, masterSid, masterState: master?.state, reusedBy: reused };
  if (!master) return { id, scope: 'fleet', status: 'skip', failures: [], summary: 'no master image given (--master)', evidence };
  if (sid === undefined) return { id, scope: 'fleet', status: 'skip', failures: [], summary: `the master ${master.image.label} has no machine SID`, evidence };
  if (reused.length === 0) return { id, scope: 'fleet', status: 'pass', failures: [], summary: `no image has the master's SID ${masterSid}`, evidence };
  return { id, scope: 'fleet', status: 'fail', failures: ['master-sid-reused'], summary: `${reused.length} image(s) still have the master's SID ${masterSid}`, evidence };
}

/**
 * The prediction of one model × image as the lab's per-clone checks: `predicted-boot`
 * (stop-0x7b) and `predicted-drivers` (problem-28), with the registry keys as evidence.
 */
export function predictionChecks(prediction: ModelPrediction, cloneId: string): CheckResult[] {
  const storage = prediction.devices.filter((device) => device.kind === 'storage');
  const others = prediction.devices.filter((device) => device.kind !== 'storage');
  const bootStatus = prediction.outcome === 'stop-0x7b' ? 'fail' : prediction.outcome === 'boots' ? 'pass' : 'skip';
  const missing = others.filter((device) => device.verdict === 'problem-28');
  const unknown = others.filter((device) => device.verdict === 'unknown');
  return [
    {
      id: 'predicted-boot', scope: 'clone', cloneId, status: bootStatus, failures: bootStatus === 'fail' ? ['stop-0x7b'] : [],
      summary: storage.map((device) => `${device.qemu} ${device.pci}: ${device.verdict === 'boots' ? 'boots' : device.verdict === 'stop-0x7b' ? 'predicted STOP 0x7B' : 'cannot tell'}: ${device.reason}`).join('; ') || 'the model has no storage controller the registry knows',
      evidence: { source: 'registry of the image (offline)', devices: storage },
    },
    {
      id: 'predicted-drivers', scope: 'clone', cloneId, status: missing.length > 0 ? 'fail' : unknown.length === others.length && others.length > 0 ? 'skip' : 'pass',
      failures: missing.length > 0 ? ['problem-28'] : [],
      summary: missing.length > 0
        ? `predicted problem 28 (no driver): ${missing.map((device) => `${device.role} ${device.qemu} ${device.pci}`).join(', ')}`
        : unknown.length === others.length && others.length > 0 ? `cannot tell: ${unknown[0]!.reason}` : `a driver for every NIC and video card${unknown.length > 0 ? ` the registry indexes (${unknown.length} unknown)` : ''}`,
      evidence: { source: 'registry of the image (offline)', devices: others },
    },
  ];
}
