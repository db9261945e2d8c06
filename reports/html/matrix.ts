import { describeErrorPlace } from '../../harness/errors/phase.js';
import { formatRate } from '../../harness/results/summarize-repeats.js';
import type { RepeatRecord } from '../../harness/results/types.js';
import type { Cell, CellOutcome } from '../cells.js';
import { escapeHtml } from './escape.js';

const SYMBOL: Record<CellOutcome, string> = { passed: '✓', reproduced: 'R', failed: '✗', errored: '!', interrupted: '–' };

/** A cell's repeats in words: a badge (`7/10`: repeats as expected) and a title line per failure rate. */
export type DescribeRepeats = (cell: Cell) => { badge: string; title: string } | undefined;

/** Renders the matrix of hardware models (rows) × scenarios (columns), one coloured link per cell (with its repeats' rate, when repeated). */
export function renderMatrix(cells: readonly Cell[], machines: readonly string[], scenarios: readonly string[], cellId: (cell: Cell) => string, repeats: DescribeRepeats = () => undefined): string {
  const byKey = new Map(cells.map((cell) => [`${cell.scenario.name}\u0000${cell.machine}`, cell]));
  const head = scenarios.map((name) => `<th scope="col" title="${escapeHtml(name)}">${escapeHtml(name)}</th>`).join('');
  const rows = machines.map((machine) => {
    const tds = scenarios.map((scenario) => {
      const cell = byKey.get(`${scenario}\u0000${machine}`);
      if (!cell) return '<td class="empty"></td>';
      const repeated = repeats(cell);
      const title = `${cell.scenario.name} on ${machine}: ${cell.outcome}${describeCloneless(cell)}${repeated ? `\n${repeated.title}` : ''}`;
      const rate = repeated ? `<span class="rate" data-rate="${escapeHtml(repeated.badge)}">${escapeHtml(repeated.badge)}</span>` : '';
      return `<td class="cell ${cell.outcome}" data-outcome="${cell.outcome}"><a href="#${cellId(cell)}" title="${escapeHtml(title)}">${SYMBOL[cell.outcome]}${rate}</a></td>`;
    }).join('');
    return `<tr><th scope="row">${escapeHtml(machine)}</th>${tds}</tr>`;
  }).join('\n');
  const legend = (Object.keys(SYMBOL) as CellOutcome[]).map((outcome) => `<span class="${outcome}">${SYMBOL[outcome]} ${outcome}</span>`).join('');
  return `<table class="matrix"><thead><tr><th></th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table><p class="legend">${legend}</p>`;
}

/** For a cell without clones (the scenario ended before its targets): where it ended, on which model. */
function describeCloneless(cell: Cell): string {
  if (cell.clones.length > 0) return '';
  const error = cell.scenario.error;
  const where = error ? ` in ${describeErrorPlace(error)}` : '';
  return `${where} before any clone ran (${cell.machine} is its install model)`;
}

/** Renders the outcome counts shown at the top: scenarios and cells per outcome. */
export function renderCounts(label: string, counts: ReadonlyMap<string, number>): string {
  const badges = [...counts].map(([outcome, count]) => `<span class="count ${escapeHtml(outcome)}" data-count="${escapeHtml(outcome)}">${count} ${escapeHtml(outcome)}</span>`).join('');
  return `<div class="counts"><strong>${escapeHtml(label)}</strong>${badges}</div>`;
}

/** The repeats of each cell from the results' repeat records: as expected in k of n, and each failure's rate with its interval. */
export function describeRepeats(records: readonly RepeatRecord[] = []): DescribeRepeats {
  return (cell) => {
    const entry = records.find((record) => record.scenario === cell.scenario.name)?.machines.find((machine) => machine.machine === cell.machine);
    if (!entry) return undefined;
    const lines = [`as expected in ${entry.asExpected} of ${entry.runs} repeats`, ...entry.failures.map((rate) => `${rate.failure}${rate.expected ? ' (expected)' : ''}: ${formatRate(rate)}`)];
    return { badge: `${entry.asExpected}/${entry.runs}`, title: lines.join('\n') };
  };
}
