import { formatPciAddress } from '../devices/pci-address.js';
import { listModelDevices } from './model-devices.js';
import { listModelBridges } from './topology.js';
import type { HardwareModel, NicSlot } from './types.js';

/** One device of a model as a row: kind, QEMU name, where it sits, ids, and expected driver. */
export interface DeviceRow {
  kind: string;
  device: string;
  /** Its PCI address `bus:slot.fn`, with ` (built in)` for a chipset's own controller. */
  address: string;
  pci: string;
  driver: string;
  note: string;
}

/** Lists the bridges and devices of a model, with their placement and expected drivers, for display. */
export function describeModelDevices(model: HardwareModel): DeviceRow[] {
  const bridges = listModelBridges(model).map(({ bridge, spec, address, secondaryBus, chassis }): DeviceRow => ({
    kind: 'bridge',
    device: `${bridge.type} ${bridge.id}`,
    address: formatPciAddress(address),
    pci: spec ? `${spec.pci.vendor}:${spec.pci.device}` : '?',
    driver: '-',
    note: [`bus ${formatPciAddress({ bus: secondaryBus, slot: 0, fn: 0 }).slice(0, 2)} behind it`, chassis === undefined ? '' : `chassis ${chassis}`].filter(Boolean).join('; '),
  }));
  return [...bridges, ...listModelDevices(model).map(({ entry, spec, address, builtin }) => {
    const nic: Partial<NicSlot> = entry;
    const notes = [
      nic.installDriver ? `install records ${nic.installDriver}` : '',
      nic.mac && nic.mac !== 'auto' ? `pinned MAC ${nic.mac}` : '',
      ...(spec?.incompatibilities ?? []).map((incompatibility) => `not ${incompatibility.driver}`),
      spec?.knownIssue ? `known: ${spec.knownIssue.symptom}` : '',
    ].filter(Boolean);
    return {
      kind: spec?.kind ?? '?',
      device: entry.device,
      address: `${address ? formatPciAddress(address) : '?'}${builtin ? ' (built in)' : ''}`,
      pci: spec ? `${spec.pci.vendor}:${spec.pci.device}` : '?',
      driver: spec ? (spec.functionDriver ? `${spec.driver} → ${spec.functionDriver}` : spec.driver) : '?',
      note: notes.join('; '),
    };
  })];
}

/**
 * Where a model entry says a device sits, short: `@2` (slot 2 of bus 0), `@br1:3` (slot 3 behind
 * bridge br1), `*` (built into the chipset).
 * @example describePosition({ device: 'e1000', bus: 'br1', slot: 3 }) // '@br1:3'
 */
export function describePosition(entry: { bus?: string | undefined; slot?: number | undefined }): string {
  if (entry.slot === undefined) return '*';
  return `@${entry.bus === undefined ? '' : `${entry.bus}:`}${entry.slot}`;
}
