import { listModelDevices } from '../../machines/catalog/model-devices.js';
import { listModelBridges } from '../../machines/catalog/topology.js';
import type { ResolvedModel } from '../../machines/catalog/types.js';
import { formatPciAddress } from '../../machines/devices/pci-address.js';
import type { MachineRecord } from '../results/types.js';

/** Describes every model of a catalog along the dimensions triage compares, in catalog order, for results.json. */
export function describeMachines(catalog: readonly ResolvedModel[]): MachineRecord[] {
  return catalog.map((model) => {
    const bridges = listModelBridges(model).map(({ bridge, address }) => `${bridge.id} ${bridge.type}@${formatPciAddress(address)}`);
    return {
      name: model.name,
      chipset: model.chipset,
      nic: model.nics.map((nic) => `${nic.device}${nic.installDriver ? ` (recorded as ${nic.installDriver})` : ''}`).join('+'),
      slot: listModelDevices(model).map(({ role, entry, address }) => `${role.replace(/\d+$/, '')}@${describePosition(entry, address)}`).join(' '),
      storage: model.storage.device,
      video: model.video.device,
      ...(model.source ? { source: model.source } : {}),
      ...(model.extends ? { extends: model.extends } : {}),
      ...(bridges.length > 0 ? { bridges: bridges.join(' ') } : {}),
    };
  });
}

/** A slot of bus 0 as its number (as results.json always wrote it), a device behind a bridge as its address, a built-in one as `chipset`. */
function describePosition(entry: { bus?: string | undefined; slot?: number | undefined }, address: Parameters<typeof formatPciAddress>[0] | undefined): string {
  if (entry.slot === undefined) return 'chipset';
  if (entry.bus === undefined || !address) return String(entry.slot);
  return formatPciAddress(address);
}
