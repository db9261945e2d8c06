import path from 'node:path';
import { writeFileAtomic } from '../harness/host/atomic.js';
import type { RunResult } from '../harness/results/types.js';
import type { Reporter } from './reporter.js';

/** Serializes a run as the versioned results JSON (the input of `compare` and `merge`). */
export function renderResultsJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** A reporter that writes `results.json` (atomically) into the output folder at the end of the run. */
export function createJsonReporter(outDir: string, fileName = 'results.json'): Reporter {
  return {
    onEnd: async (result) => {
      const file = path.join(outDir, fileName);
      await writeFileAtomic(file, renderResultsJson(result));
      return [file];
    },
  };
}
