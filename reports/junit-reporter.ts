import path from 'node:path';
import { writeReportFile } from './write-report-file.js';
import type { RunResult } from '../harness/results/types.js';
import { collectCloneTexts, type CloneTexts, type LoadTexts } from './artifacts.js';
import { buildJunitTree } from './junit/build-junit-tree.js';
import { serializeJunit } from './junit/serialize-junit.js';
import type { Reporter } from '../harness/results/reporter.js';

/** Renders a run as JUnit XML (console excerpts read from the clones' artifacts unless given). */
export async function renderJunit(result: RunResult, texts?: ReadonlyMap<string, CloneTexts>): Promise<string> {
  return serializeJunit(buildJunitTree(result, texts ?? await collectCloneTexts(result, { screenshots: false })));
}

/** A reporter that writes `junit.xml` into the output folder at the end of the run. */
export function createJunitReporter(outDir: string, fileName = 'junit.xml', loadTexts?: LoadTexts): Reporter {
  return {
    onEnd: async (result) => {
      const file = path.join(outDir, fileName);
      await writeReportFile(file, await renderJunit(result, await loadTexts?.(result)));
      return [file];
    },
  };
}
