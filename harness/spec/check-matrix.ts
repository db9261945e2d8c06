import type { HardwareModel } from '../../machines/catalog/types.js';
import { suggestModelNames } from '../../machines/catalog/lookup.js';
import { findDevice, listDeviceNames, listStoreDrivers, suggestNames } from '../../machines/devices/registry.js';
import type { DeviceKind } from '../../machines/devices/types.js';
import type { Matrix } from './schema.js';

/**
 * What a matrix names that the schema cannot know: its base model (in the run's catalog; `null`:
 * checked later, against it) and every device and install driver it varies (in the registry, of
 * the right kind). A name no cell can use is refused here, naming the nearest; a combination
 * QEMU would refuse is the expansion's to drop (see `expandMatrix`).
 */
export function checkMatrix(matrix: Matrix, catalog: readonly HardwareModel[] | null): string[] {
  const problems: string[] = [];
  if (catalog !== null && !catalog.some((model) => model.name === matrix.base)) {
    const nearest = suggestModelNames(matrix.base, catalog);
    problems.push(`targets.base: expected a catalog hardware model${nearest.length ? ` (did you mean ${nearest.join(', ')}?)` : ''}, got "${matrix.base}"`);
  }
  const checkDevice = (field: string, kind: DeviceKind, device: string): void => {
    const spec = findDevice(device);
    if (spec?.kind === kind) return;
    const nearest = suggestNames(device, listDeviceNames(kind));
    const what = spec ? `a ${kind} device ("${device}" is a ${spec.kind} device)` : `a ${kind} device of the registry${nearest.length ? ` (did you mean ${nearest.join(', ')}?)` : ''}`;
    problems.push(`${field}: expected ${what}, got "${device}"`);
  };
  const { vary } = matrix;
  vary.nic?.forEach((value, index) => {
    const chip = typeof value === 'string' ? { device: value, installDriver: undefined } : value;
    checkDevice(`targets.vary.nic[${index}]`, 'nic', chip.device);
    if (chip.installDriver !== undefined && !listStoreDrivers().includes(chip.installDriver)) {
      const nearest = suggestNames(chip.installDriver, listStoreDrivers());
      problems.push(`targets.vary.nic[${index}].installDriver: expected a driver of the guest's driver store${nearest.length ? ` (did you mean ${nearest.join(', ')}?)` : ''}, got "${chip.installDriver}"`);
    }
  });
  vary.storage?.forEach((device, index) => checkDevice(`targets.vary.storage[${index}]`, 'storage', device));
  vary.video?.forEach((device, index) => checkDevice(`targets.vary.video[${index}]`, 'video', device));
  return problems;
}
