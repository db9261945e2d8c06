import { findBridge, type BridgeSpec } from '../devices/bridges.js';
import { deviceRegistry, findDevice, listDeviceNames, listStoreDrivers, suggestNames } from '../devices/registry.js';
import type { Chipset, DeviceKind } from '../devices/types.js';
import { numberBuses } from '../catalog/topology.js';
import type { Bridge, HardwareModel, NicSlot } from '../catalog/types.js';
import { formatPciAddress, formatSlot } from '../devices/pci-address.js';
import type { ModelProblem, Report } from './problems.js';
import { checkBridge, checkChassis } from './validate-bridges.js';

/** Slots each chipset keeps for itself (host bridge, south bridge). */
export const RESERVED_SLOTS: Record<Chipset, readonly number[]> = { pc: [0, 1], q35: [0, 0x1f] };
const RESERVED_BY: Record<Chipset, string> = { pc: 'i440FX host bridge (0) and PIIX3 (1)', q35: 'Q35 MCH (0) and ICH9 (0x1f)' };
const FREE_SLOTS: Record<Chipset, string> = { pc: '0x02–0x1f', q35: '0x01–0x1e' };
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const NAME = /^[a-z0-9][a-z0-9-]*$/;
/**
 * Checks a hardware model against the device registry and what QEMU and the guest accept:
 * kinds and chipsets of devices and bridges, every device's bus (a bridge of the model, where a
 * bridge of that type may sit) and slot (in range, not reserved, not taken; slot 0 only behind
 * a `pcie-root-port`, which takes PCI Express devices only). Returns every problem found (none =
 * valid), each naming the field, what was expected and what was given.
 */
export function validateModel(model: HardwareModel): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const report = (field: string, message: string): void => { problems.push({ model: model.name, field, message }); };
  if (!NAME.test(model.name)) report('name', `Model name must be kebab-case (a-z, 0-9, -), got "${model.name}"`);
  if (model.chipset !== 'pc' && model.chipset !== 'q35') {
    report('chipset', `Chipset must be "pc" or "q35", got "${String(model.chipset)}"`);
    return problems;
  }
  if (!Number.isInteger(model.cpus) || model.cpus < 1 || model.cpus > 16) report('cpus', `cpus must be an integer from 1 to 16, got ${model.cpus}`);
  if (!Number.isInteger(model.memoryMiB) || model.memoryMiB < 64 || model.memoryMiB > 16384) {
    report('memoryMiB', `memoryMiB must be an integer from 64 to 16384, got ${model.memoryMiB}`);
  }
  const bridges = model.bridges ?? [];
  const bridgeById = new Map<string, Bridge>();
  for (const bridge of bridges) if (!bridgeById.has(bridge.id)) bridgeById.set(bridge.id, bridge);
  const reachable = numberBuses(model);
  const occupied = new Map<string, string>();

  /** Where a device or bridge says it sits: its bus must exist; undefined when it does not (reported). */
  const resolveBus = (field: string, bus: string | undefined): { bus: string | undefined; spec?: BridgeSpec } | undefined => {
    if (bus === undefined) return { bus };
    const parent = bridgeById.get(bus);
    if (!parent) {
      const nearest = suggestNames(bus, [...bridgeById.keys()]);
      const known = bridgeById.size > 0 ? `one of the model's bridges (${[...bridgeById.keys()].join(', ')})` : 'a bridge of the model (it has none: add one to `bridges`)';
      report(`${field}.bus`, `No bridge "${bus}" in this model: expected ${known}${nearest.length ? ` (did you mean ${nearest.join(', ')}?)` : ''}, got "${bus}"`);
      return undefined;
    }
    if (!reachable.has(bus)) return undefined; // the bridge's own problem (a loop) is reported on it
    const spec = findBridge(parent.type);
    return spec ? { bus, spec } : undefined;
  };

  /** Puts a device or a bridge at a slot of a bus: range, reserved slots, a root port's one slot, no two at one address. */
  const placeOnBus = (field: string, label: string, where: { bus: string | undefined; spec?: BridgeSpec }, slot: number): void => {
    if (!Number.isInteger(slot) || slot < 0 || slot > 0x1f) {
      report(`${field}.slot`, `Slot of ${label} is out of range: expected an integer from 0x00 to 0x1f, got ${slot}`);
      return;
    }
    const on = where.bus === undefined ? '' : ` of bus ${where.bus}`;
    if (where.bus === undefined && RESERVED_SLOTS[model.chipset].includes(slot)) {
      report(`${field}.slot`, `Slot ${formatSlot(slot)} of ${label} is reserved on ${model.chipset} for the ${RESERVED_BY[model.chipset]}`);
      return;
    }
    if (where.spec?.secondary === 'pcie-port' && slot !== 0) {
      // QEMU starts it and query-pci lists it, but Linux scans only device 0 behind a PCIe port: the guest never sees it.
      report(`${field}.slot`, `Slot ${formatSlot(slot)} of ${label} behind ${where.spec.type} "${where.bus}": a root port has one device, at slot 0x00; expected 0, got ${slot}`);
      return;
    }
    const key = `${where.bus ?? ''}:${slot}`;
    const other = occupied.get(key);
    if (other) report(`${field}.slot`, `Two devices in slot ${formatSlot(slot)}${on}: ${other} and ${label}`);
    else occupied.set(key, label);
  };

  bridges.forEach((bridge, index) => checkBridge(model, bridge, `bridges[${index}]`, bridgeById, reachable, report, (field, label, slot) => {
    const where = resolveBus(field, bridge.bus);
    if (where) placeOnBus(field, label, where, slot);
  }));
  checkChassis(model, report);

  const place = (field: string, kind: DeviceKind, entry: { device: string; bus?: string | undefined; slot?: number | undefined }): void => {
    const { device, slot } = entry;
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
      else if (entry.bus !== undefined) report(`${field}.bus`, `"${device}" is built into the ${model.chipset} chipset at ${formatPciAddress(builtinSlot)}: expected no bus, got "${entry.bus}"`);
      return;
    }
    const where = resolveBus(field, entry.bus);
    if (!where) return;
    if (where.spec?.secondary === 'pcie-port' && !spec.pcie) {
      report(`${field}.device`, `"${device}" is a conventional PCI device; ${where.spec.type} "${where.bus}" takes PCI Express devices only (${listPcieNames(kind)}): put it behind a pcie-pci-bridge, or on bus 0`);
      return;
    }
    placeOnBus(field, `"${device}"`, where, slot);
  };
  model.nics.forEach((nic, index) => {
    place(`nics[${index}]`, 'nic', nic);
    checkMac(`nics[${index}]`, nic, report);
    checkInstallDriver(`nics[${index}]`, nic, report);
  });
  place('video', 'video', model.video);
  place('storage', 'storage', model.storage);
  return problems;
}

function checkInstallDriver(field: string, nic: NicSlot, report: Report): void {
  if (nic.installDriver === undefined) return;
  const known = listStoreDrivers();
  if (known.includes(nic.installDriver)) return;
  const nearest = suggestNames(nic.installDriver, known);
  report(`${field}.installDriver`, `"${nic.installDriver}" is not a driver the guest's driver store holds; expected a registry driver or a known incompatible one${nearest.length ? ` (did you mean ${nearest.join(', ')}?)` : ''}, got "${nic.installDriver}"`);
}

/** The QEMU names of the PCI Express devices of one kind (what a root port takes). */
function listPcieNames(kind: DeviceKind): string {
  return deviceRegistry.filter((spec) => spec.kind === kind && spec.pcie).map((spec) => spec.qemu).join(', ');
}

function checkMac(field: string, nic: NicSlot, report: Report): void {
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
