// The repeats of a scenario (`clonelab run --repeat N`) as results.json records them.

/** How often one failure showed over the repeats of a scenario (`--repeat N`), with its 95 % interval. */
export interface FailureRate {
  /** A failure name, `missing <name>` (an expected reproduction that did not show), or `errored`. */
  failure: string;
  /** Repeats it showed in. */
  count: number;
  /** Repeats that ran to their end (not interrupted). */
  runs: number;
  rate: number;
  /** The 95 % Wilson score interval of the rate, [low, high]. */
  interval: [number, number];
  /** The scenario expects it (a reproduction): then a rate below 1 is the unstable part. */
  expected: boolean;
}

/** The repeats of one scenario: how many ended as expected, and each failure's reproduction rate, also per hardware model. */
export interface RepeatRecord {
  /** The scenario's own name (its runs are `<scenario>~1` … `<scenario>~<runs>`). */
  scenario: string;
  runs: number;
  asExpected: number;
  failures: FailureRate[];
  /** The same per hardware model, over its clones (and the fleet's checks). */
  machines: { machine: string; runs: number; asExpected: number; failures: FailureRate[] }[];
}
