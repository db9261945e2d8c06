import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { FleetMeasurement, FleetSpec } from './fleet-spec.js';

const CHILD = fileURLToPath(new URL('../fleet-child.js', import.meta.url));

/** Runs one fleet in a fresh Node process (clean CPU and RSS figures) and returns its measurement. */
export async function runFleetChild(spec: FleetSpec, signal: AbortSignal): Promise<FleetMeasurement> {
  const child = await execa(process.execPath, [CHILD, JSON.stringify(spec)], { cancelSignal: signal, reject: false, all: true, forceKillAfterDelay: 10_000 });
  const line = child.stdout.split('\n').find((text) => text.startsWith('BENCH-RESULT '));
  if (child.exitCode !== 0 || !line) {
    throw new Error(`fleet child (${spec.clones || 'library'} clones, jobs ${spec.jobs}) failed with exit ${child.exitCode ?? child.signal}: ${(child.all ?? '').slice(-600)}`);
  }
  return JSON.parse(line.slice('BENCH-RESULT '.length)) as FleetMeasurement;
}
