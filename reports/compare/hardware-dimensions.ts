import { hardwareCatalog } from '../../machines/catalog/models.js';
import type { HardwareModel } from '../../machines/catalog/types.js';
import type { CloneRun } from '../../harness/results/types.js';

/** The ways two hardware models can differ, as the triage names them. */
export type Dimension = 'NIC' | 'slot' | 'storage' | 'video' | 'chipset' | 'geometry';

/** Describes a model along every dimension (catalog first; the clones' own facts for unknown models). */
export function describeDimensions(machine: string, clones: readonly CloneRun[], catalog: readonly HardwareModel[] = hardwareCatalog): Record<Dimension, string> {
  const model = catalog.find((entry) => entry.name === machine);
  const devices = clones.find((clone) => clone.facts)?.facts?.expectedDevices ?? [];
  const ofKind = (kind: string): string => devices.filter((device) => device.kind === kind).map((device) => device.qemu).join('+') || '?';
  const geometry = [...new Set(clones.map((clone) => clone.facts?.partitionBytes).filter((bytes) => bytes !== undefined))].join('/') || 'default';
  if (!model) {
    return {
      NIC: ofKind('nic'), storage: ofKind('storage'), video: ofKind('video'), chipset: '?', geometry,
      slot: devices.map((device) => `${device.kind}@${device.slot}`).join(' ') || '?',
    };
  }
  return {
    NIC: model.nics.map((nic) => `${nic.device}${nic.installDriver ? ` (recorded as ${nic.installDriver})` : ''}`).join('+'),
    slot: [...model.nics.map((nic) => `nic@${nic.slot}`), `video@${model.video.slot}`, `storage@${model.storage.slot ?? 'chipset'}`].join(' '),
    storage: model.storage.device,
    video: model.video.device,
    chipset: model.chipset,
    geometry,
  };
}

/**
 * Names the dimensions that separate failing models from passing ones: those where no failing
 * model shares a value with a passing model. When none separates cleanly, every dimension in
 * which they differ at all is named (and `clean` is false).
 */
export function findDifferingDimensions(failing: Record<Dimension, string>[], passing: Record<Dimension, string>[]): { dimensions: Dimension[]; clean: boolean } {
  const all: Dimension[] = ['NIC', 'slot', 'storage', 'video', 'chipset', 'geometry'];
  const values = (rows: Record<Dimension, string>[], dimension: Dimension): Set<string> => new Set(rows.map((row) => row[dimension]));
  const separating = all.filter((dimension) => {
    const passed = values(passing, dimension);
    return passing.length > 0 && [...values(failing, dimension)].every((value) => !passed.has(value));
  });
  if (separating.length > 0) return { dimensions: separating, clean: true };
  const differing = all.filter((dimension) => new Set([...values(failing, dimension), ...values(passing, dimension)]).size > 1);
  return { dimensions: differing, clean: false };
}
