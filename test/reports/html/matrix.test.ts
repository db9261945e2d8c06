import test from 'ava';
import type { RunResult } from '../../../harness/results/types.js';
import { listCellMachines, listCells, listMachines } from '../../../reports/cells.js';
import { renderMatrix } from '../../../reports/html/matrix.js';
import { renderHtmlReport } from '../../../reports/html/render-html.js';
import { loadResultsFixture, loadSmallRun } from '../../fixtures/results/load-fixture.js';

// install-failed.json: the real results of `clonelab run` with a scenario whose install on
// legacy-dc390 timed out (--boot-timeout 5): status errored in phase install, no clones. Its
// targets (desktop-e1000, desktop-cirrus) never ran.
function loadInstallFailed(): RunResult {
  return loadResultsFixture('install-failed.json');
}

/** The matrix rows: model name → the outcome classes of its cells, in column order ('' for an empty cell). */
function matrixRows(html: string): Record<string, string[]> {
  const table = /<table class="matrix">([^]*?)<\/table>/.exec(html)?.[1] ?? '';
  const rows = [...table.matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)];
  return Object.fromEntries(rows.map(([, machine, tds]) => [machine, [...(tds ?? '').matchAll(/<td class="(?:cell )?([a-z]+)"/g)].map((td) => (td[1] === 'empty' ? '' : td[1] as string))]));
}

test('a scenario whose install failed has a row and an errored cell in the matrix, on its install model', (t) => {
  const run = loadInstallFailed();
  t.is(run.scenarios[0]?.status, 'errored');
  t.deepEqual(run.scenarios[0]?.clones, []);
  const html = renderHtmlReport(run, { texts: new Map() });
  t.deepEqual(matrixRows(html), { 'legacy-dc390': ['errored'] });
  t.regex(html, /title="install-fails-on-dc390 on legacy-dc390: errored in install before any clone ran \(legacy-dc390 is its install model\)"/);
  // The cell links to its details, which carry the error.
  const id = /<td class="cell errored" data-outcome="errored"><a href="#([^"]+)"/.exec(html)?.[1];
  t.truthy(id);
  t.regex(html, new RegExp(`id="${id}"[^]*Install on legacy-dc390 did not finish setup`));
});

test('beside other scenarios, the errored scenario gets its own row; the other rows show an empty cell for it', (t) => {
  const small = loadSmallRun();
  const run: RunResult = { ...small, scenarios: [...small.scenarios, ...loadInstallFailed().scenarios] };
  const html = renderHtmlReport(run, { texts: new Map() });
  t.deepEqual(matrixRows(html), { 'desktop-e1000': ['reproduced', ''], 'legacy-dc390': ['', 'errored'] });
  t.is(html.match(/<td class="cell /g)?.length, listCells(run).length);
});

test('matrix rows come from the cells; the models clones ran on stay what compare reads', (t) => {
  const run = loadInstallFailed();
  const cells = listCells(run);
  t.deepEqual(cells.map((cell) => [cell.scenario.name, cell.machine, cell.outcome]), [['install-fails-on-dc390', 'legacy-dc390', 'errored']]);
  t.deepEqual(listCellMachines(cells, run.machines), ['legacy-dc390']);
  t.deepEqual(listMachines(run), [], 'no clone ran on any model');
  const matrix = renderMatrix(cells, listCellMachines(cells, run.machines), ['install-fails-on-dc390'], () => 'cell-1');
  t.regex(matrix, /<tr><th scope="row">legacy-dc390<\/th><td class="cell errored"/);
});
