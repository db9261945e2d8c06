import type { Accel } from '../../harness/qemu/types.js';
import type { BenchRow } from './row.js';

/** What every section of the bench gets. */
export interface BenchContext {
  quick: boolean;
  /** Also run the whole built-in library for the harness-overhead figure. */
  library: boolean;
  accel: Accel;
  /**
   * Master cache kept between bench runs (in the clonelab cache, pruned of other guest builds):
   * the bench measures boots and clones, not installs, so only the first run installs.
   */
  masterCache: string;
  /** Scratch folder of this bench run (removed at the end). */
  workDir: string;
  signal: AbortSignal;
  /** Progress lines go to stderr, so stdout carries only the table. */
  log: (line: string) => void;
  /** An installed (not generalized) desktop-e1000 master a fleet run left behind, if any: the quick boot section reuses it. */
  e1000Master?: string;
}

/** What a section returns: its table rows plus the raw measurements for results.json. */
export interface SectionOutput {
  rows: BenchRow[];
  details: Record<string, unknown>;
}
