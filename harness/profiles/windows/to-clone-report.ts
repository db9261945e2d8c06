import { listModelDevices } from '../../../machines/catalog/model-devices.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { formatPciAddress } from '../../../machines/devices/pci-address.js';
import type { BootStop } from '../../probe/boot-stop.js';
import type { CloneReport, DeviceFact, NicFact } from '../../probe/clone-report.js';
import type { IdentityItem } from '../../probe/identity.js';
import type { ModelPrediction } from '../../windows/predict-boot.js';
import type { ImageInspection } from '../../windows/types.js';

/**
 * The identity an inspected Windows disk has in use: machine SID, account SIDs, computer name,
 * and the disk signature (MBR) or disk GUID (GPT). A generalized image has none of the first
 * three in use (setup makes them anew on first boot): it reports none of them, so the fleet
 * checks count it as "not reporting" rather than as a duplicate.
 */
export function readIdentityItems(inspection: ImageInspection): IdentityItem[] {
  const items: IdentityItem[] = [];
  if (inspection.state === 'specialized') {
    if (inspection.machineSid) items.push({ kind: 'machine-sid', value: inspection.machineSid.value });
    for (const account of inspection.accounts) if (account.sid) items.push({ kind: 'account-sid', value: account.sid });
    if (inspection.computerName) items.push({ kind: 'computer-name', value: inspection.computerName.value });
  }
  const disk = inspection.disk;
  if (disk?.table === 'mbr' && disk.signature) items.push({ kind: 'disk-signature', value: `mbr:${disk.signature}` });
  if (disk?.table === 'gpt' && disk.diskGuid) items.push({ kind: 'disk-signature', value: `gpt:${disk.diskGuid.toLowerCase()}` });
  return items;
}

/**
 * The predicted boot of an inspected disk on one model, in the lab's common shape: a storage
 * controller without a boot-start driver is a predicted STOP 0x7B (no report, as a real one
 * gives none); otherwise a report whose devices are started when a driver serves their PCI ID
 * and problem 28 when none does. No VM ran: there are no MACs, and a NIC appears only with a
 * NetworkAddress override (a MAC pinned in the registry, which every clone of the image shares).
 */
export function toWindowsBoot(inspection: ImageInspection, prediction: ModelPrediction, model: HardwareModel): { report?: CloneReport; stop?: BootStop } {
  const storage = prediction.devices.find((device) => device.kind === 'storage');
  if (storage?.verdict === 'stop-0x7b') {
    return { stop: { failure: 'stop-0x7b', text: `predicted STOP 0x0000007B INACCESSIBLE_BOOT_DEVICE on ${model.name}: ${storage.reason}${storage.evidence.length > 0 ? `; registry: ${storage.evidence.join('; ')}` : ''}` } };
  }
  const slots = new Map(listModelDevices(model).map((device) => [device.role, device.address ? formatPciAddress(device.address) : '00:??.?']));
  const devices = prediction.devices.map((device): DeviceFact => {
    const fact = { slot: slots.get(device.role) ?? '00:??.?', vendorDevice: device.pci, ...(device.service ? { recordedDriver: device.service } : {}) };
    // `unknown`: the registry cannot tell (NT 5.x keeps no index of NIC and video drivers); not called a problem.
    return device.verdict === 'problem-28' ? { ...fact, status: 'problem', problem: 28 } : { ...fact, status: 'started', ...(device.service ? { boundDriver: device.service } : {}) };
  });
  const nics = inspection.nics.flatMap((nic): NicFact[] => (nic.overrideMac
    ? [{ hardwareMac: '', overrideMac: nic.overrideMac, effectiveMac: nic.overrideMac, up: false, ...(nic.description ? { interface: nic.description } : {}) }]
    : []));
  return { report: { setup: inspection.state === 'generalized' ? 'generalized' : 'none', identity: readIdentityItems(inspection), devices, nics } };
}
