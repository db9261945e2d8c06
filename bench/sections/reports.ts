// Item 5: how long the default reports (results JSON, JUnit XML, single-file HTML) take for a
// 500-clone result, synthesized from a real fleet result so every field has its real shape.
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../../harness/results/types.js';
import { writeReports } from '../../reports/write-reports.js';
import type { BenchContext, SectionOutput } from '../lib/context.js';
import { unavailableRow, type Goal } from '../lib/row.js';
import { synthesizeResult } from '../lib/synthesize-result.js';
import { bestOfMs } from '../lib/time.js';

/** A bound the bench sets (the issue sets none): a CI job should not wait long for its report. */
const REPORT_GOAL: Goal = { op: '<=', value: 5, source: 'bench' };
const CLONES = 500;

/** Measures item 5 on a real fleet result (from the fleet section), or says why it cannot. */
export async function benchReports(context: BenchContext, real: RunResult | undefined): Promise<SectionOutput> {
  const figure = `report generation (JSON + JUnit + HTML), ${CLONES}-clone result`;
  if (!real) return { rows: [unavailableRow(5, figure, 's', 'no real fleet result to build the 500-clone result from (fleet section failed or skipped)', REPORT_GOAL)], details: {} };
  const result = synthesizeResult(real, CLONES);
  const dir = path.join(context.workDir, 'reports');
  await mkdir(dir, { recursive: true });
  try {
    let files: string[] = [];
    const ms = await bestOfMs(context.quick ? 1 : 3, async () => { files = (await writeReports(result, dir)).files; });
    const sizes = await Promise.all(files.map(async (file) => `${path.basename(file)} ${((await stat(file)).size / 1e6).toFixed(1)} MB`));
    return { rows: [{ item: 5, figure, value: ms / 1000, unit: 's', goal: REPORT_GOAL, note: sizes.join(', ') }], details: { clones: CLONES, ms, files: sizes } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
