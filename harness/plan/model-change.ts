import type { Bridge, HardwareModel, NicSlot, ResolvedModel, SlottedDevice, StorageSlot } from '../../machines/catalog/types.js';
import type { Chipset } from '../../machines/devices/types.js';
import { findDevice } from '../../machines/devices/registry.js';
import { RESERVED_SLOTS } from '../../machines/validate/validate-model.js';

/**
 * One change of one dimension of a hardware model: what a matrix varies and what bisect changes
 * one at a time. `nic`, `nicSlot`, `nicMac` are the first NIC's (`nic2…` the second's); `nics` are
 * the NICs beyond the ones both models have (added or removed as one change).
 */
export interface ModelChange {
  /** `chipset`, `cpus`, `memoryMiB`, `bridges`, `nics`, `nic`/`nicSlot`/`nicMac` (`nic2…`), `storage` or `video`. */
  dimension: string;
  /**
   * What it becomes: a chipset, a number, a bridge list, `{ keep, nics }`, a `NicChip`, a
   * `NicPlace`, `{ mac }`; for `storage` and `video` a device name (placed where the lab places
   * one: its current slot, or a free one) or the whole entry.
   */
  value: unknown;
  /** Kebab-case, unique among the changes of one model: it goes into the derived model's name. */
  label: string;
}

/** A NIC's chip: its QEMU device and the driver the installed system records for it, if not the registry's. */
export interface NicChip { device: string; installDriver?: string | undefined }
/** Where a NIC sits: a slot of bus 0 or of a bridge's bus. */
export interface NicPlace { bus?: string | undefined; slot: number }

/** The order changes are applied in: the chipset first (what is built in depends on it), then the buses, then the devices. */
const ORDER = ['chipset', 'cpus', 'memoryMiB', 'bridges', 'nics', 'nic', 'storage', 'video'];
const NIC = /^nic(\d*)(Slot|Mac)?$/;

/**
 * Derives a model from `base` with `changes` applied, named `base--label--label` (kebab-case, so
 * the name passes where every model name goes: the model rule, QEMU's `-name`, file names).
 * Pure; the result is not validated (see `validateModel`).
 * @example deriveModel(desktopE1000, [{ dimension: 'nic', value: { device: 'rtl8139' }, label: 'nic-rtl8139' }]).name // 'desktop-e1000--nic-rtl8139'
 */
export function deriveModel(base: HardwareModel, changes: readonly ModelChange[]): ResolvedModel {
  const sorted = [...changes].sort((a, b) => rank(a.dimension) - rank(b.dimension));
  let model: HardwareModel = stripMeta(base);
  for (const change of sorted) model = applyChange(model, change);
  if (changes.length === 0) return model;
  const name = [base.name, ...sorted.map((change) => change.label)].join('--');
  const purpose = `${base.name} with ${sorted.map((change) => change.label.replace(/-/, ' ')).join(', ')}`;
  return { ...model, name, purpose, extends: base.name };
}

/** Makes a label part out of any text: lowercase, runs of other characters as one `-`. */
export function kebab(text: string | number): string {
  return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function rank(dimension: string): number {
  return ORDER.indexOf(NIC.test(dimension) ? 'nic' : dimension);
}

function applyChange(model: HardwareModel, change: ModelChange): HardwareModel {
  switch (change.dimension) {
    case 'chipset': return { ...model, chipset: change.value as Chipset };
    case 'cpus': return { ...model, cpus: change.value as number };
    case 'memoryMiB': return { ...model, memoryMiB: change.value as number };
    case 'bridges': {
      const { bridges: _old, ...rest } = model;
      const bridges = change.value as Bridge[] | undefined;
      return bridges && bridges.length > 0 ? { ...rest, bridges } : rest;
    }
    case 'nics': {
      const { keep, nics } = change.value as { keep: number; nics: NicSlot[] };
      return { ...model, nics: [...model.nics.slice(0, keep), ...nics] };
    }
    case 'storage': return { ...model, storage: typeof change.value === 'string' ? placeStorage(model, change.value) : change.value as StorageSlot };
    case 'video': return { ...model, video: typeof change.value === 'string' ? { ...model.video, device: change.value } : change.value as SlottedDevice };
    default: return changeNic(model, change);
  }
}

function changeNic(model: HardwareModel, change: ModelChange): HardwareModel {
  const match = NIC.exec(change.dimension);
  if (!match) throw new Error(`unknown model dimension "${change.dimension}"`);
  const index = match[1] ? Number(match[1]) - 1 : 0;
  const nic = model.nics[index];
  if (!nic) return model;
  const value = change.value as Partial<NicChip & NicPlace & { mac: string | undefined }>;
  // A slot alone (a matrix's `nicSlot`) keeps the NIC's bus.
  const place = 'bus' in value ? { bus: value.bus, slot: value.slot } : { slot: value.slot };
  const fields = match[2] === 'Slot' ? place : match[2] === 'Mac' ? { mac: value.mac } : { device: value.device, installDriver: value.installDriver };
  const merged: Record<string, unknown> = { ...nic, ...fields };
  for (const [key, entry] of Object.entries(merged)) if (entry === undefined) delete merged[key];
  return { ...model, nics: model.nics.map((entry, at) => (at === index ? merged as NicSlot : entry)) };
}

/**
 * Where the lab puts a storage controller named alone: built into the chipset (no slot), else
 * the model's current add-on slot, else slot 5 (the catalog's), else the lowest free slot of bus 0.
 */
function placeStorage(model: HardwareModel, device: string): StorageSlot {
  if (findDevice(device)?.builtin?.[model.chipset]) return { device };
  if (model.storage.slot !== undefined) return { device, ...(model.storage.bus === undefined ? {} : { bus: model.storage.bus }), slot: model.storage.slot };
  const taken = new Set([...RESERVED_SLOTS[model.chipset], ...[...model.nics, model.video, ...(model.bridges ?? [])].filter((entry) => entry.bus === undefined).map((entry) => entry.slot)]);
  const free = [5, ...Array.from({ length: 0x1f }, (_, slot) => slot + 1)].find((slot) => !taken.has(slot));
  return { device, slot: free ?? 5 };
}

function stripMeta(model: HardwareModel): HardwareModel {
  const { source: _source, extends: _extends, ...rest } = model as ResolvedModel;
  return rest;
}
