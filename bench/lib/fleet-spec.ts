import { validateScenario } from '../../harness/spec/validate-scenario.js';
import type { Scenario } from '../../harness/spec/schema.js';

/** How the fleet scenario clones: `file` = generalized master, WIM (XPRESS) per clone; `sector` = installed master copied bit for bit (no generalize boot: cheaper, for --quick). */
export type FleetMethod = 'file' | 'sector';

/** One fleet run the bench asks a child process to make. */
export interface FleetSpec {
  /** Clones of the master on desktop-e1000; 0 = the whole built-in library instead. */
  clones: number;
  jobs: number;
  method: FleetMethod;
  outDir: string;
  accel: 'kvm' | 'tcg';
  /** Master cache shared by the bench's fleet runs: only the first one installs (and generalizes). */
  masterCache?: string;
}

/** What a fleet child reports back. */
export interface FleetMeasurement {
  wallMs: number;
  selfCpuMs: number;
  childCpuMs: number;
  peakRssMiB: number;
  resultsFile: string;
}

/** The bench's fleet scenario: one master on desktop-e1000 cloned `clones` times onto desktop-e1000. */
export function fleetScenario(clones: number, method: FleetMethod): Scenario {
  return validateScenario({
    name: `bench-fleet-${method}-${clones}`,
    description: `Benchmark fleet: ${clones} clones of one desktop-e1000 master (${method === 'file' ? 'generalized, WIM XPRESS' : 'sector copies'})`,
    master: { machine: 'desktop-e1000' },
    generalize: method === 'file' ? { massStorage: false } : false,
    capture: method === 'file' ? { method: 'file', compression: 'xpress' } : { method: 'sector' },
    targets: [{ machine: 'desktop-e1000' }],
    clonesPerTarget: clones,
    // Timing only: verdicts do not matter here (sector clones share the master's identity on purpose).
    skipChecks: ['no-foreign-sid'],
    tags: ['bench'],
  });
}
