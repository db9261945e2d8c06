import path from 'node:path';
import { writeFileAtomic } from '../harness/host/atomic.js';
import { renderResultsJson } from '../harness/results/render-results-json.js';
import type { Reporter } from './reporter.js';

export { renderResultsJson } from '../harness/results/render-results-json.js';

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
