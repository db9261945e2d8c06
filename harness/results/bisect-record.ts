// What `clonelab bisect` writes into results.json (`bisect`).

/** How `clonelab bisect` judged one model: the scenario ended as expected on it, not, or it could not tell. */
export type BisectVerdict = 'expected' | 'failed' | 'invalid' | 'errored';

/** One model `clonelab bisect` judged. */
export interface BisectStep {
  /** 1: the good and the bad model and every single change; 2: pairs of changes. */
  round: number;
  model: string;
  /** The dimensions changed from the good model (none: the good model; all: the bad one). */
  changes: string[];
  verdict: BisectVerdict;
  /** Which checks failed on which clone, the error that ended it, or why QEMU would refuse the model. */
  evidence: string[];
  /** The scenario result (in `scenarios`) it ran in. */
  scenario?: string;
}

/** What `clonelab bisect` found: the smallest hardware change that breaks the scenario, with each step. */
export interface BisectRecord {
  scenario: string;
  good: string;
  bad: string;
  /** Every dimension the two models differ in, as it is on each. */
  dimensions: { name: string; good: string; bad: string }[];
  status: 'found' | 'whole-difference' | 'bad-keeps-outcome';
  /** The smallest sets of dimensions whose change turns the expected outcome into a failure, with the model that showed it. */
  culprits: { dimensions: string[]; model: string }[];
  steps: BisectStep[];
  /** One sentence: the answer. */
  summary: string;
}
