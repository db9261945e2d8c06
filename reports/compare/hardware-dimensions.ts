import type { CloneRun, MachineRecord } from '../../harness/results/types.js';

/** The ways two hardware models can differ, as the triage names them. */
export type Dimension = 'NIC' | 'slot' | 'storage' | 'video' | 'chipset' | 'geometry';

/** Describes a model along every dimension (the run's catalog first; the clones' own facts for models not in it). */
export function describeDimensions(machine: string, clones: readonly CloneRun[], catalog: readonly MachineRecord[]): Record<Dimension, string> {
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
  return { NIC: model.nic, slot: model.slot, storage: model.storage, video: model.video, chipset: model.chipset, geometry };
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
