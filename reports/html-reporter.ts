import path from 'node:path';
import { writeReportFile } from './write-report-file.js';
import type { RunResult } from '../harness/results/types.js';
import { collectCloneTexts, type CloneTexts, type LoadTexts } from './artifacts.js';
import { compareRuns } from './compare/compare-runs.js';
import { renderHtmlReport } from './html/render-html.js';
import type { Reporter } from '../harness/results/reporter.js';

/** Options of the HTML report. */
export interface HtmlReportOptions {
  /** A baseline run: the report gets a comparison section. */
  baseline?: RunResult;
  /** Embed the PNG screenshots (default true); without, they are linked. */
  embedScreenshots?: boolean;
}

/** Renders a run as one self-contained HTML page, reading the artifacts it shows; links are relative to `reportDir`. */
export async function renderHtml(result: RunResult, reportDir: string, options: HtmlReportOptions = {}, given?: ReadonlyMap<string, CloneTexts>): Promise<string> {
  const texts = given ?? await collectCloneTexts(result, { screenshots: options.embedScreenshots ?? true });
  return renderHtmlReport(result, {
    texts,
    ...(options.baseline ? { comparison: compareRuns(options.baseline, result) } : {}),
    link: (file) => (file ? path.relative(reportDir, path.resolve(reportDir, file)).split(path.sep).join('/') : undefined),
  });
}

/** A reporter that writes `report.html` into the output folder at the end of the run. */
export function createHtmlReporter(outDir: string, options: HtmlReportOptions = {}, fileName = 'report.html', loadTexts?: LoadTexts): Reporter {
  return {
    onEnd: async (result) => {
      const file = path.join(outDir, fileName);
      await writeReportFile(file, await renderHtml(result, outDir, options, await loadTexts?.(result)));
      return [file];
    },
  };
}
