import { InfrastructureError, UsageError } from '../errors/errors.js';
import type { BisectVerdict } from '../results/types.js';

/** What the oracle says about one set of changes: how the scenario ended on that model, and why. */
export interface Judgement {
  verdict: BisectVerdict;
  /** Which checks failed, which error ended it, or why QEMU would refuse the model. */
  evidence: string[];
}

/**
 * Runs the scenario on the models that apply each set of changes (dimension names) to the good
 * model, and judges each; `[]` is the good model itself, every dimension the bad one. A batch is
 * one round: its models may run side by side.
 */
export type Oracle = (batch: readonly (readonly string[])[], round: number) => Promise<Judgement[]>;

/** One model the search judged. */
export interface SearchStep extends Judgement {
  round: number;
  /** The dimensions changed from the good model. */
  changes: string[];
}

/** Where the search ended, the smallest change sets that flip the outcome, and every step. */
export interface SearchResult {
  /**
   * `found`: changes of one dimension (else two) flip it; `whole-difference`: the bad model
   * fails but no smaller change does; `bad-keeps-outcome`: the bad model ends as expected too.
   */
  status: 'found' | 'whole-difference' | 'bad-keeps-outcome';
  /** The smallest sets of dimensions whose change turns the expected outcome into a failure (all of that size). */
  culprits: string[][];
  steps: SearchStep[];
}

/**
 * Finds the smallest hardware change that breaks a scenario, between a good and a bad model that
 * differ in `dimensions`. Round 1 judges the good model, the bad one and every single change
 * (one run); if no single change fails, round 2 judges every pair of changes; up to changes of
 * `maxSize` dimensions, else the whole difference is the answer. A model that cannot be judged
 * (`errored`, `invalid`) is listed and never named a culprit. The good model must end as
 * expected (else a UsageError), the good and the bad model must be judged (else an
 * InfrastructureError). Pure over the oracle.
 * @example await searchCulprit(['nic', 'nicSlot', 'video'], oracle) // { status: 'found', culprits: [['nic']], steps: [...] }
 */
export async function searchCulprit(dimensions: readonly string[], oracle: Oracle, options: { good?: string; bad?: string; maxSize?: number } = {}): Promise<SearchResult> {
  const good = options.good ?? 'the good model';
  const bad = options.bad ?? 'the bad model';
  if (dimensions.length === 0) throw new UsageError(`${good} and ${bad} are the same hardware: there is nothing to bisect`, { step: 'bisect' });
  const all = [...dimensions];
  const steps: SearchStep[] = [];
  const ask = async (batch: string[][], round: number): Promise<SearchStep[]> => {
    const judged = await oracle(batch, round);
    const asked = batch.map((changes, index) => ({ round, changes, ...(judged[index] ?? { verdict: 'errored' as const, evidence: ['the oracle gave no judgement'] }) }));
    steps.push(...asked);
    return asked;
  };
  const singles = all.length > 1 ? all.map((dimension) => [dimension]) : [];
  const [goodStep, badStep, ...singleSteps] = await ask([[], all, ...singles], 1);
  checkEnd(goodStep as SearchStep, good, 'good');
  checkEnd(badStep as SearchStep, bad, 'bad');
  if (goodStep?.verdict === 'failed') {
    throw new UsageError(`${good} already fails the scenario (${goodStep.evidence.join('; ') || 'no evidence'}): bisect needs a --good model on which it ends as expected`, { step: 'bisect' });
  }
  if (badStep?.verdict === 'expected') return { status: 'bad-keeps-outcome', culprits: [], steps };
  if (all.length === 1) return { status: 'found', culprits: [all], steps };
  let failing = singleSteps.filter((step) => step.verdict === 'failed');
  const maxSize = Math.min(options.maxSize ?? 2, all.length - 1);
  for (let size = 2; failing.length === 0 && size <= maxSize; size += 1) {
    failing = (await ask(listSubsets(all, size), size)).filter((step) => step.verdict === 'failed');
  }
  if (failing.length === 0) return { status: 'whole-difference', culprits: [all], steps };
  return { status: 'found', culprits: failing.map((step) => step.changes), steps };
}

function checkEnd(step: SearchStep, label: string, which: 'good' | 'bad'): void {
  if (step.verdict === 'invalid') throw new UsageError(`${label} (--${which}) is not a model QEMU accepts: ${step.evidence.join('; ')}`, { step: 'bisect' });
  if (step.verdict === 'errored') throw new InfrastructureError(`${label} (--${which}) could not be judged: ${step.evidence.join('; ') || 'it errored'}`, { step: 'bisect' });
}

/** Every subset of `size` elements, in order (`[a,b],[a,c],[b,c]`). */
export function listSubsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, index) => listSubsets(items.slice(index + 1), size - 1).map((rest) => [item, ...rest]));
}
