import { parseGeometry, type Geometry } from '../disks/index.js';
import type { ScenarioGeometry } from './schema.js';

/** The system volume's defaults: room for the 66 MB kernel, the driver store and user files. */
export const DEFAULT_GEOMETRY: ScenarioGeometry = { size: '256M', filesystem: 'fat32' };

/** The master's geometry: the scenario's, over the defaults. */
export function resolveMasterGeometry(master: ScenarioGeometry): Geometry {
  return parseGeometry({ ...DEFAULT_GEOMETRY, ...master });
}

/** A target's geometry: the target's own, over the master's, over the defaults. */
export function resolveTargetGeometry(master: ScenarioGeometry, target: ScenarioGeometry | undefined): Geometry {
  return parseGeometry({ ...DEFAULT_GEOMETRY, ...master, ...(target ?? {}) });
}
