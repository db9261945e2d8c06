import type { HardwareModel } from '../../machines/catalog/types.js';
import type { MachineRecord } from '../results/types.js';

/** Describes every model of a catalog along the dimensions triage compares, in catalog order, for results.json. */
export function describeMachines(catalog: readonly HardwareModel[]): MachineRecord[] {
  return catalog.map((model) => ({
    name: model.name,
    chipset: model.chipset,
    nic: model.nics.map((nic) => `${nic.device}${nic.installDriver ? ` (recorded as ${nic.installDriver})` : ''}`).join('+'),
    slot: [...model.nics.map((nic) => `nic@${nic.slot}`), `video@${model.video.slot}`, `storage@${model.storage.slot ?? 'chipset'}`].join(' '),
    storage: model.storage.device,
    video: model.video.device,
  }));
}
