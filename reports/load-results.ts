import { readFile } from 'node:fs/promises';
import { invalidInput, UsageError } from '../harness/errors/errors.js';
import { RESULTS_SCHEMA_VERSION, type RunResult, type ScenarioResult } from '../harness/results/types.js';
import { readCloneIdentity } from './read-clone-identity.js';
import { readScenarioErrors } from './read-error-record.js';

/** Reads a results JSON file written by `clonelab run` or `merge`; refuses other files and versions clearly. */
export async function loadResults(file: string): Promise<RunResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read results file ${file}: ${(error as Error).message}`, { cause: error, hint: 'pass the results.json that `clonelab run --out DIR` wrote' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Results file ${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  return checkResultsShape(value, file);
}

// Version 1 files predate the recorded catalog: read without machines, their rows sort by name
// and triage reads each model's devices from its clones' facts. Versions 1 and 2 wrote the
// reference guest's identity as fields: read as identity items (readCloneIdentity).
const READABLE_VERSIONS: readonly number[] = [1, 2, RESULTS_SCHEMA_VERSION];

/** Checks the outline of a parsed results document (version, plan, scenarios) and returns it typed, as the current version. */
export function checkResultsShape(value: unknown, source: string): RunResult {
  const record = value as (Omit<Partial<RunResult>, 'schemaVersion'> & { schemaVersion?: number }) | null;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw invalidInput(`results file ${source}`, 'a JSON object from clonelab run', typeof value);
  if (record.schemaVersion === undefined || !READABLE_VERSIONS.includes(record.schemaVersion)) {
    throw invalidInput(`results file ${source}`, `schemaVersion ${READABLE_VERSIONS.join(' or ')}`, record.schemaVersion ?? 'no schemaVersion', { hint: 'compare and merge read results of this clonelab version and the one before' });
  }
  if (typeof record.planId !== 'string' || !Array.isArray(record.scenarios)) {
    throw invalidInput(`results file ${source}`, 'a planId and a scenarios list', Object.keys(record));
  }
  // Error records of older files name the failed step as their phase: see readScenarioErrors.
  const scenarios = (record.scenarios as ScenarioResult[]).map(readScenarioErrors).map(readCloneIdentity);
  return { ...record, schemaVersion: RESULTS_SCHEMA_VERSION, machines: Array.isArray(record.machines) ? record.machines : [], scenarios } as RunResult;
}
