import { describeErrorPlace } from '../../harness/errors/phase.js';
import type { Cell, CellOutcome } from '../cells.js';
import { escapeHtml } from './escape.js';

const SYMBOL: Record<CellOutcome, string> = { passed: '✓', reproduced: 'R', failed: '✗', errored: '!', interrupted: '–' };

/** Renders the matrix of hardware models (rows) × scenarios (columns), one coloured link per cell. */
export function renderMatrix(cells: readonly Cell[], machines: readonly string[], scenarios: readonly string[], cellId: (cell: Cell) => string): string {
  const byKey = new Map(cells.map((cell) => [`${cell.scenario.name}\u0000${cell.machine}`, cell]));
  const head = scenarios.map((name) => `<th scope="col" title="${escapeHtml(name)}">${escapeHtml(name)}</th>`).join('');
  const rows = machines.map((machine) => {
    const tds = scenarios.map((scenario) => {
      const cell = byKey.get(`${scenario}\u0000${machine}`);
      if (!cell) return '<td class="empty"></td>';
      const title = `${cell.scenario.name} on ${machine}: ${cell.outcome}${describeCloneless(cell)}`;
      return `<td class="cell ${cell.outcome}" data-outcome="${cell.outcome}"><a href="#${cellId(cell)}" title="${escapeHtml(title)}">${SYMBOL[cell.outcome]}</a></td>`;
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
