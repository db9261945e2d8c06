import { findDevice, listDeviceNames, suggestNames } from '../devices/registry.js';
import type { Chipset, DeviceKind } from '../devices/types.js';
import type { HardwareModel, NicSlot } from '../catalog/types.js';
import { formatSlot } from '../devices/pci-address.js';
import type { ModelProblem } from './problems.js';

/** Slots each chipset keeps for itself (host bridge, south bridge). */
export const RESERVED_SLOTS: Record<Chipset, readonly number[]> = { pc: [0, 1], q35: [0, 0x1f] };
const RESERVED_BY: Record<Chipset, string> = { pc: 'i440FX host bridge (0) and PIIX3 (1)', q35: 'Q35 MCH (0) and ICH9 (0x1f)' };
const FREE_SLOTS: Record<Chipset, string> = { pc: '0x02–0x1f', q35: '0x01–0x1e' };
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Checks a hardware model against the device registry; returns every problem found (none = valid). */
export function validateModel(model: HardwareModel): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const report = (field: string, message: string): void => { problems.push({ model: model.name, field, message }); };
  if (!NAME.test(model.name)) report('name', `Model name must be kebab-case (a-z, 0-9, -), got "${model.name}"`);
  if (model.chipset !== 'pc' && model.chipset !== 'q35') report('chipset', `Chipset must be "pc" or "q35", got "${String(model.chipset)}"`);
  if (!Number.isInteger(model.cpus) || model.cpus < 1 || model.cpus > 16) report('cpus', `cpus must be an integer from 1 to 16, got ${model.cpus}`);
  if (!Number.isInteger(model.memoryMiB) || model.memoryMiB < 64 || model.memoryMiB > 16384) {
    report('memoryMiB', `memoryMiB must be an integer from 64 to 16384, got ${model.memoryMiB}`);
  }
  const occupied = new Map<number, string>();
  const place = (field: string, kind: DeviceKind, device: string, slot: number | undefined): void => {
    const spec = findDevice(device);
    if (!spec) {
      const nearest = suggestNames(device, listDeviceNames(kind));
      report(`${field}.device`, `Unknown ${kind} device "${device}"; expected one of the registry's ${kind} devices${nearest.length ? ` (did you mean ${nearest.join(', ')}?)` : ` (${listDeviceNames(kind).join(', ')})`}`);
      return;
    }
    if (spec.kind !== kind) report(`${field}.device`, `"${device}" is a ${spec.kind} device; expected a ${kind} device here`);
    if (!spec.chipsets.includes(model.chipset)) {
      report(`${field}.device`, `"${device}" is not accepted by the ${model.chipset} chipset; it works on ${spec.chipsets.join(', ')}`);
      return;
    }
    const builtinSlot = spec.builtin?.[model.chipset];
    if (slot === undefined) {
      if (!builtinSlot) report(`${field}.slot`, `"${device}" is an add-on card on ${model.chipset}: expected a slot (${FREE_SLOTS[model.chipset]}), got none`);
      return;
    }
    checkSlot(field, device, slot);
  };
  const checkSlot = (field: string, device: string, slot: number): void => {
    if (!Number.isInteger(slot) || slot < 0 || slot > 0x1f) {
      report(`${field}.slot`, `Slot of "${device}" is out of range: expected an integer from 0x00 to 0x1f, got ${slot}`);
      return;
    }
    if (RESERVED_SLOTS[model.chipset].includes(slot)) {
      report(`${field}.slot`, `Slot ${formatSlot(slot)} of "${device}" is reserved on ${model.chipset} for the ${RESERVED_BY[model.chipset]}`);
      return;
    }
    const other = occupied.get(slot);
    if (other) report(`${field}.slot`, `Two devices in slot ${formatSlot(slot)}: "${other}" and "${device}"`);
    else occupied.set(slot, device);
  };
  model.nics.forEach((nic, index) => {
    place(`nics[${index}]`, 'nic', nic.device, nic.slot);
    checkMac(`nics[${index}]`, nic, report);
  });
  place('video', 'video', model.video.device, model.video.slot);
  place('storage', 'storage', model.storage.device, model.storage.slot);
  return problems;
}

function checkMac(field: string, nic: NicSlot, report: (field: string, message: string) => void): void {
  if (nic.mac === undefined || nic.mac === 'auto') return;
  if (!MAC.test(nic.mac)) {
    report(`${field}.mac`, `Malformed MAC: expected six hex pairs separated by colons (e.g. 52:54:00:12:34:56) or "auto", got "${nic.mac}"`);
  } else if (Number.parseInt(nic.mac.slice(0, 2), 16) & 1) {
    report(`${field}.mac`, `MAC "${nic.mac}" is a multicast address (lowest bit of the first octet set); a NIC needs a unicast address`);
  }
}

/** Checks a whole catalog: every model valid and names unique. */
export function validateCatalog(models: readonly HardwareModel[]): ModelProblem[] {
  const seen = new Set<string>();
  const problems = models.flatMap((model) => validateModel(model));
  for (const model of models) {
    if (seen.has(model.name)) problems.push({ model: model.name, field: 'name', message: `Two models are named "${model.name}"` });
    seen.add(model.name);
  }
  return problems;
}
