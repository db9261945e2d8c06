import path from 'node:path';
import type { RunResult } from '../harness/results/types.js';
import { collectCloneTexts, type CloneTexts } from './artifacts.js';
import { createHtmlReporter, type HtmlReportOptions } from './html-reporter.js';
import { writeReportFile } from './write-report-file.js';
import { renderResultsJson } from '../harness/results/render-results-json.js';
import { createJunitReporter } from './junit-reporter.js';
import { multiplexReporters, type MultiplexedReporter } from './multiplex.js';

/** File names of the reports in the output folder. */
export const REPORT_FILES = { json: 'results.json', junit: 'junit.xml', html: 'report.html' } as const;

/**
 * The reporters `clonelab run` and `merge` use: JUnit XML and the HTML report. results.json is
 * not among them: `runLab` writes it for a run (also when interrupted), `writeReports` for a merge.
 */
export function createDefaultReporters(outDir: string, options: HtmlReportOptions = {}): MultiplexedReporter {
  // JUnit and HTML show the same log excerpts: read every clone's files once.
  let texts: Promise<ReadonlyMap<string, CloneTexts>> | undefined;
  const loadTexts = (result: RunResult): Promise<ReadonlyMap<string, CloneTexts>> => (texts ??= collectCloneTexts(result, { screenshots: options.embedScreenshots ?? true }));
  return multiplexReporters([
    createJunitReporter(outDir, REPORT_FILES.junit, loadTexts),
    createHtmlReporter(outDir, options, REPORT_FILES.html, loadTexts),
  ]);
}

/** Writes results.json and every default report of a finished run into `outDir`; returns the files and the HTML report's path. */
export async function writeReports(result: RunResult, outDir: string, options: HtmlReportOptions = {}): Promise<{ files: string[]; html: string }> {
  const json = path.join(outDir, REPORT_FILES.json);
  await writeReportFile(json, renderResultsJson(result));
  const files = await createDefaultReporters(outDir, options).onEnd(result);
  return { files: [json, ...files], html: path.join(outDir, REPORT_FILES.html) };
}
