import path from 'node:path';
import { writeReportFile } from './write-report-file.js';
import { renderResultsJson } from '../harness/results/render-results-json.js';
import type { Reporter } from '../harness/results/reporter.js';

export { renderResultsJson } from '../harness/results/render-results-json.js';

/** A reporter that writes `results.json` (atomically) into the output folder at the end of the run. */
export function createJsonReporter(outDir: string, fileName = 'results.json'): Reporter {
  return {
    onEnd: async (result) => {
      const file = path.join(outDir, fileName);
      await writeReportFile(file, renderResultsJson(result));
      return [file];
    },
  };
}
