import { isDeepStrictEqual } from 'node:util';
import type { HardwareModel, NicSlot } from '../../machines/catalog/types.js';
import { kebab, type ModelChange } from '../plan/model-change.js';

/** One dimension two models differ in: the change that makes the good model's part the bad one's, and both parts in words. */
export interface ModelDifference {
  change: ModelChange;
  good: string;
  bad: string;
}

/**
 * Lists every dimension in which `bad` differs from `good`, each as a change that applies to
 * the good model: the chipset, CPUs, memory, the bridges, per NIC its chip (device and the driver
 * its install records), its place (bus and slot) and its MAC, NICs added or removed, the video
 * card and the storage controller (each with its place). Pure.
 * @example listDifferences(desktopE1000, oldrevInSlot3).map((entry) => entry.change.dimension) // ['nic', 'nicSlot', 'video']
 */
export function listDifferences(good: HardwareModel, bad: HardwareModel): ModelDifference[] {
  const differences: ModelDifference[] = [];
  const add = (change: ModelChange, from: string, to: string): void => { differences.push({ change, good: from, bad: to }); };
  if (good.chipset !== bad.chipset) add({ dimension: 'chipset', value: bad.chipset, label: `chipset-${bad.chipset}` }, good.chipset, bad.chipset);
  if (good.cpus !== bad.cpus) add({ dimension: 'cpus', value: bad.cpus, label: `cpus-${bad.cpus}` }, String(good.cpus), String(bad.cpus));
  if (good.memoryMiB !== bad.memoryMiB) add({ dimension: 'memoryMiB', value: bad.memoryMiB, label: `mem-${bad.memoryMiB}` }, `${good.memoryMiB} MiB`, `${bad.memoryMiB} MiB`);
  if (!isDeepStrictEqual(good.bridges ?? [], bad.bridges ?? [])) {
    const ids = (model: HardwareModel): string => (model.bridges ?? []).map((bridge) => `${bridge.id} ${bridge.type}@${bridge.bus ?? '0'}:${bridge.slot}`).join(', ') || 'none';
    const label = bad.bridges?.length ? `bridges-${kebab(bad.bridges.map((bridge) => bridge.id).join('-'))}` : 'no-bridges';
    add({ dimension: 'bridges', value: bad.bridges, label }, ids(good), ids(bad));
  }
  const common = Math.min(good.nics.length, bad.nics.length);
  for (let index = 0; index < common; index += 1) {
    const [from, to] = [good.nics[index] as NicSlot, bad.nics[index] as NicSlot];
    const key = index === 0 ? 'nic' : `nic${index + 1}`;
    const prefix = index === 0 ? '' : `${key}-`;
    if (from.device !== to.device || from.installDriver !== to.installDriver) {
      const label = `${key}-${kebab(to.device)}${to.installDriver ? `-${kebab(to.installDriver)}` : ''}`;
      add({ dimension: key, value: { device: to.device, installDriver: to.installDriver }, label }, describeChip(from), describeChip(to));
    }
    if (from.bus !== to.bus || from.slot !== to.slot) {
      add({ dimension: `${key}Slot`, value: { bus: to.bus, slot: to.slot }, label: `${prefix}slot-${to.bus ? `${kebab(to.bus)}-` : ''}${to.slot}` }, describePlace(from), describePlace(to));
    }
    if ((from.mac ?? 'auto') !== (to.mac ?? 'auto')) {
      add({ dimension: `${key}Mac`, value: { mac: to.mac }, label: `${prefix}mac-${kebab(to.mac ?? 'auto').replace(/-/g, '')}` }, from.mac ?? 'auto', to.mac ?? 'auto');
    }
  }
  if (good.nics.length !== bad.nics.length) {
    const list = (model: HardwareModel): string => `${model.nics.length} NIC(s)${model.nics.length > common ? `: + ${model.nics.slice(common).map(describeChip).join(', ')}` : ''}`;
    add({ dimension: 'nics', value: { keep: common, nics: bad.nics.slice(common) }, label: `nics-${bad.nics.length}` }, list(good), list(bad));
  }
  for (const part of ['storage', 'video'] as const) {
    const [from, to] = [good[part], bad[part]];
    if (isDeepStrictEqual(from, to)) continue;
    const label = from.device !== to.device ? `${part}-${kebab(to.device)}` : `${part}-slot-${to.bus ? `${kebab(to.bus)}-` : ''}${to.slot ?? 'chipset'}`;
    add({ dimension: part, value: to, label }, `${from.device} ${describePlace(from)}`, `${to.device} ${describePlace(to)}`);
  }
  return differences;
}

function describeChip(nic: { device: string; installDriver?: string | undefined }): string {
  return `${nic.device}${nic.installDriver ? ` (install records ${nic.installDriver})` : ''}`;
}

function describePlace(entry: { bus?: string | undefined; slot?: number | undefined }): string {
  if (entry.slot === undefined) return 'built into the chipset';
  return `in slot ${entry.slot}${entry.bus ? ` of bus ${entry.bus}` : ''}`;
}
