import path from 'node:path';
import type { ResolvedModel } from '../../machines/catalog/types.js';
import { validateModel } from '../../machines/validate/validate-model.js';
import { deriveModel } from '../plan/model-change.js';
import { planRun } from '../plan/plan-run.js';
import { RESULTS_SCHEMA_VERSION, type BisectRecord, type BisectStep, type RunResult } from '../results/types.js';
import { runLab, type RunLabOptions } from '../run/run-lab.js';
import type { Scenario } from '../spec/schema.js';
import { listDifferences, type ModelDifference } from './diff-models.js';
import { judgeModel } from './judge-model.js';
import { searchCulprit, type Judgement, type Oracle, type SearchResult } from './search.js';

/** What `clonelab bisect` needs: the scenario, the two models, and how to run (as `runLab`). */
export interface BisectOptions extends Omit<RunLabOptions, 'plan' | 'catalog' | 'outDir' | 'reporter'> {
  scenario: Scenario;
  good: ResolvedModel;
  bad: ResolvedModel;
  catalog: readonly ResolvedModel[];
  /** Each round runs in `<outDir>/rounds/<n>`; the caller writes the joined results into `outDir`. */
  outDir: string;
  /** Told before each round runs, with the models it judges. */
  onRound?: (round: number, models: string[]) => void;
}

/** The joined results of every round, with the bisect section; `failure` when the search could not finish (the rounds so far are in `result`). */
export interface BisectRun {
  result: RunResult;
  failure?: unknown;
}

/**
 * Bisects the hardware between a good and a bad model: each round is one lab run of the scenario
 * (renamed `<scenario>-round-<n>`) whose targets are the round's models, one per set of changes
 * (see `searchCulprit`); models QEMU would refuse are judged `invalid` without a run. Masters
 * come from `masterCache`, so the master is installed (and generalized) once for every round.
 */
export async function runBisect(options: BisectOptions): Promise<BisectRun> {
  const { scenario, good, bad } = options;
  const differences = listDifferences(good, bad);
  const byDimension = new Map(differences.map((entry) => [entry.change.dimension, entry] as const));
  const modelFor = (changes: readonly string[]): ResolvedModel => {
    if (changes.length === 0) return good;
    if (changes.length === differences.length) return bad;
    return deriveModel(good, changes.map((dimension) => (byDimension.get(dimension) as ModelDifference).change));
  };
  const runs: RunResult[] = [];
  const scenarioOf = new Map<string, string>();
  const oracle: Oracle = async (batch, round) => {
    const models = batch.map(modelFor);
    const problems = models.map((model) => validateModel(model));
    const runnable = [...new Map(models.filter((_, index) => problems[index]?.length === 0).map((model) => [model.name, model] as const)).values()];
    const name = `${scenario.name}-round-${round}`;
    options.onRound?.(round, runnable.map((model) => model.name));
    const roundScenario: Scenario = { ...scenario, name, targets: runnable.map((model) => ({ machine: model.name })) };
    const derived = runnable.filter((model) => !options.catalog.includes(model));
    const plan = { ...planRun([roundScenario], [...options.catalog, ...derived]), models: derived };
    const result = await runLab({ ...options, plan, catalog: options.catalog, outDir: path.join(options.outDir, 'rounds', String(round)) });
    runs.push(result);
    options.signal.throwIfAborted();
    const ran = result.scenarios[0];
    return models.map((model, index): Judgement => {
      const found = problems[index] ?? [];
      if (found.length > 0) return { verdict: 'invalid', evidence: found.map((problem) => `${problem.field}: ${problem.message}`) };
      scenarioOf.set(model.name, name);
      return ran ? judgeModel(ran, model.name) : { verdict: 'errored', evidence: ['the round ran no scenario'] };
    });
  };
  try {
    const search = await searchCulprit(differences.map((entry) => entry.change.dimension), oracle, { good: `"${good.name}"`, bad: `"${bad.name}"` });
    return { result: joinRounds(runs, describeSearch(options, differences, search, modelFor, scenarioOf)) };
  } catch (failure) {
    return { result: joinRounds(runs), failure };
  }
}

function describeSearch(
  options: BisectOptions, differences: readonly ModelDifference[], search: SearchResult,
  modelFor: (changes: readonly string[]) => ResolvedModel, scenarioOf: ReadonlyMap<string, string>,
): BisectRecord {
  const { scenario, good, bad } = options;
  const steps: BisectStep[] = search.steps.map((step) => {
    const model = modelFor(step.changes).name;
    const ranIn = scenarioOf.get(model);
    return { round: step.round, model, changes: step.changes, verdict: step.verdict, evidence: step.evidence, ...(ranIn ? { scenario: ranIn } : {}) };
  });
  const culprits = search.culprits.map((dimensions) => ({ dimensions, model: modelFor(dimensions).name }));
  const describe = (dimensions: readonly string[]): string => dimensions.map((dimension) => {
    const entry = differences.find((difference) => difference.change.dimension === dimension);
    return `${dimension} ${entry?.good ?? '?'} → ${entry?.bad ?? '?'}`;
  }).join(' + ');
  const evidenceOf = (model: string): string => steps.find((step) => step.model === model)?.evidence[0] ?? '';
  const summary = search.status === 'found'
    ? `The smallest hardware change that breaks "${scenario.name}" (from ${good.name} toward ${bad.name}): ${culprits.map((culprit) => `${describe(culprit.dimensions)} (${culprit.model}: ${evidenceOf(culprit.model)})`).join('; or ')}`
    : search.status === 'whole-difference'
      ? `No change of one or two of the ${differences.length} dimensions breaks "${scenario.name}"; only the whole difference (${bad.name}) does: ${describe(differences.map((entry) => entry.change.dimension))}`
      : `"${scenario.name}" ends as expected on ${bad.name} too: no hardware change between ${good.name} and ${bad.name} breaks it`;
  return {
    scenario: scenario.name, good: good.name, bad: bad.name,
    dimensions: differences.map((entry) => ({ name: entry.change.dimension, good: entry.good, bad: entry.bad })),
    status: search.status, culprits, steps, summary,
  };
}

/** One results document for every round: their scenarios, the union of their catalogs, and the bisect section. */
function joinRounds(runs: readonly RunResult[], bisect?: BisectRecord): RunResult {
  const first = runs[0];
  const last = runs.at(-1);
  const now = new Date().toISOString();
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    planId: `bisect-${first?.planId ?? 'none'}`,
    startedAt: first?.startedAt ?? now, finishedAt: last?.finishedAt ?? now,
    interrupted: runs.some((run) => run.interrupted),
    host: first?.host ?? { accel: 'none', qemu: 'unknown', kernel: 'unknown', jobs: 0, retries: 0 },
    machines: [...new Map(runs.flatMap((run) => run.machines).map((machine) => [machine.name, machine] as const)).values()],
    scenarios: runs.flatMap((run) => run.scenarios),
    ...(bisect ? { bisect } : {}),
  };
}
