import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CloneRun, RunResult } from '../../harness/results/types.js';

/**
 * Points artifact paths at a shard's downloaded folder: a results file from another runner
 * names files under that runner's --out folder, which here lives next to the results file.
 * Paths that exist are kept; the others are looked up by their part from `scenarios/` on.
 */
export function rebaseArtifacts(result: RunResult, resultsDir: string): RunResult {
  const rebase = (file: string | undefined): string | undefined => {
    if (!file || existsSync(file)) return file;
    const marker = file.split('/').lastIndexOf('scenarios');
    if (marker < 0) return file;
    const candidate = path.join(resultsDir, ...file.split('/').slice(marker));
    return existsSync(candidate) ? candidate : file;
  };
  return {
    ...result,
    scenarios: result.scenarios.map((scenario) => ({
      ...scenario,
      clones: scenario.clones.map((clone) => ({
        ...clone,
        artifacts: Object.fromEntries(Object.entries(clone.artifacts).map(([key, file]) => [key, rebase(file as string | undefined)])) as CloneRun['artifacts'],
      })),
    })),
  };
}
