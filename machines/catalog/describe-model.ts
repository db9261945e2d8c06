import type { HardwareModel } from './types.js';
import { findDevice } from '../devices/registry.js';
import { formatSlot } from '../validate/problems.js';

/** One device of a model as a row: kind, QEMU name, where it sits, ids, and expected driver. */
export interface DeviceRow {
  kind: string;
  device: string;
  slot: string;
  pci: string;
  driver: string;
  note: string;
}

/** Lists the devices of a model, with their placement and expected drivers, for display. */
export function describeModelDevices(model: HardwareModel): DeviceRow[] {
  const entries = [
    ...model.nics.map((nic) => ({ device: nic.device, slot: nic.slot as number | undefined, installDriver: nic.installDriver, mac: nic.mac })),
    { device: model.video.device, slot: model.video.slot as number | undefined, installDriver: undefined, mac: undefined },
    { device: model.storage.device, slot: model.storage.slot, installDriver: undefined, mac: undefined },
  ];
  return entries.map((entry) => {
    const spec = findDevice(entry.device);
    const builtin = spec?.builtin?.[model.chipset];
    const notes = [
      entry.installDriver ? `install records ${entry.installDriver}` : '',
      entry.mac && entry.mac !== 'auto' ? `pinned MAC ${entry.mac}` : '',
      ...(spec?.incompatibilities ?? []).map((incompatibility) => `not ${incompatibility.driver}`),
      spec?.knownIssue ? `known: ${spec.knownIssue.symptom}` : '',
    ].filter(Boolean);
    return {
      kind: spec?.kind ?? '?',
      device: entry.device,
      slot: entry.slot === undefined ? `${builtin ?? '?'} (built in)` : `${formatSlot(entry.slot).slice(2)}.0`,
      pci: spec ? `${spec.pci.vendor}:${spec.pci.device}` : '?',
      driver: spec ? (spec.functionDriver ? `${spec.driver} → ${spec.functionDriver}` : spec.driver) : '?',
      note: notes.join('; '),
    };
  });
}
