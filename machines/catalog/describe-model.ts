import { formatPciAddress } from '../devices/pci-address.js';
import { listModelDevices } from './model-devices.js';
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

/** Lists the devices of a model, with their placement and expected drivers, for display. */
export function describeModelDevices(model: HardwareModel): DeviceRow[] {
  return listModelDevices(model).map(({ entry, spec, address, builtin }) => {
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
  });
}
