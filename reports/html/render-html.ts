import type { RunResult } from '../../harness/results/types.js';
import type { CloneTexts } from '../artifacts.js';
import { listCellMachines, listCells, type Cell } from '../cells.js';
import { collapseRepeats } from '../collapse-repeats.js';
import type { Comparison } from '../compare/compare-runs.js';
import { renderBisectSection } from './bisect-section.js';
import { renderKeptSection } from './kept-section.js';
import { collectBootStats, renderBootChart } from './boot-chart.js';
import { renderCellDetails, type LinkArtifact } from './cell-details.js';
import { renderCompareSection } from './compare-section.js';
import { escapeHtml } from './escape.js';
import { describeRepeats, renderCounts, renderMatrix } from './matrix.js';
import { REPORT_SCRIPT } from './script.js';
import { REPORT_CSS } from './styles.js';

/** What the HTML page is made from besides the results. */
export interface HtmlInput {
  texts: ReadonlyMap<string, CloneTexts>;
  comparison?: Comparison;
  /** Turns an artifact path into a link relative to the report (undefined: no link). */
  link?: LinkArtifact;
}

/** Renders the whole report as one self-contained HTML page (inline CSS, JS and SVG; screenshots as data URIs). */
export function renderHtmlReport(run: RunResult, input: HtmlInput): string {
  // The repeats of a scenario (`--repeat N`) are one column; each cell shows its rate.
  const result = collapseRepeats(run);
  const cells = listCells(result);
  // Rows for every cell: a scenario that errored before any clone has its cell on its install model.
  const machines = listCellMachines(cells, result.machines);
  const scenarioNames = result.scenarios.map((scenario) => scenario.name);
  const cellIds = new Map<Cell, string>(cells.map((cell, index) => [cell, `cell-${index + 1}`]));
  const cellId = (cell: Cell): string => cellIds.get(cell)!;
  const link = input.link ?? (() => undefined);
  const firstCells = new Map<string, string>();
  for (const cell of cells) if (!firstCells.has(cell.scenario.name)) firstCells.set(cell.scenario.name, cellId(cell));
  // Fleet-check evidence is rendered once, in each scenario's first cell.
  const firstCellOf = (cell: Cell): string | undefined => (firstCells.get(cell.scenario.name) === cellId(cell) ? undefined : firstCells.get(cell.scenario.name));
  const seconds = (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000;
  const order = ['passed', 'reproduced', 'failed', 'errored', 'interrupted'];
  const countBy = (values: string[]): Map<string, number> => new Map(order.map((key) => [key, values.filter((value) => value === key).length] as const).filter(([, count]) => count > 0));
  const filters = ['all', ...order].map((outcome) => `<button type="button" data-filter="${outcome}">${outcome}</button>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>clonelab report ${escapeHtml(result.planId)}</title><style>${REPORT_CSS}</style></head>
<body>
<header><h1>clonelab report</h1>
<p class="meta">plan ${escapeHtml(result.planId)}${result.shard ? ` · shard ${result.shard.index}/${result.shard.total}` : ''} · started ${escapeHtml(result.startedAt)} · ${seconds.toFixed(1)} s` +
` · ${escapeHtml(result.host.accel)} · ${escapeHtml(result.host.qemu)} · kernel ${escapeHtml(result.host.kernel)}${result.interrupted ? ' · <strong>interrupted</strong>' : ''}</p>
${renderCounts(`${result.scenarios.length} scenarios`, countBy(result.scenarios.map((scenario) => scenario.status)))}
${renderCounts(`${cells.length} cells (scenario × model)`, countBy(cells.map((cell) => cell.outcome)))}
</header>
${input.comparison ? renderCompareSection(input.comparison) : ''}
${result.bisect ? renderBisectSection(result.bisect) : ''}
${result.retention ? renderKeptSection(result.retention, result.scenarios) : ''}
<section id="matrix"><h2>Hardware models × scenarios</h2>
${renderMatrix(cells, machines, scenarioNames, cellId, describeRepeats(result.repeats))}</section>
<section id="boot-times"><h2>Boot time per hardware model</h2>
${renderBootChart(collectBootStats(result, machines))}</section>
<section id="details"><h2>Cells</h2><p class="filters">${filters}</p>
${cells.map((cell) => renderCellDetails(cell, cellId(cell), input.texts, link, firstCellOf(cell))).join('\n')}
</section>
<script>${REPORT_SCRIPT}</script>
</body></html>
`;
}
