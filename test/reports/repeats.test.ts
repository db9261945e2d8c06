import test from 'ava';
import type { RunResult } from '../../harness/results/types.js';
import { collapseRepeats } from '../../reports/collapse-repeats.js';
import { compareRuns } from '../../reports/compare/compare-runs.js';
import { formatComparison } from '../../reports/compare/format-comparison.js';
import { renderHtmlReport } from '../../reports/html/render-html.js';
import { buildJunitTree } from '../../reports/junit/build-junit-tree.js';
import { mergeResults } from '../../reports/merge/merge-results.js';
import { synthesizeRun } from '../fixtures/results/load-fixture.js';
import { makeRepeatRun } from '../fixtures/results/repeat-run.js';

/** The same scenario run once, passing everywhere. */
const once = (): RunResult => {
  const run = synthesizeRun({ scenarios: 1, machines: ['desktop-e1000', 'desktop-cirrus'], clonesPerMachine: 1 });
  return { ...run, scenarios: run.scenarios.map((scenario) => ({ ...scenario, name: 'flaky-nic' })) };
};

test('compare: a cell that failed in some repeats only is flaky, one that failed in all is a regression', (t) => {
  const flaky = compareRuns(once(), makeRepeatRun({ runs: 10, failing: 7 }));
  t.deepEqual(flaky.regressions, []);
  t.deepEqual(flaky.flaky.map((entry) => [entry.scenario, entry.machines, entry.failures]), [['flaky-nic', ['desktop-cirrus'], [{ failure: 'problem-10', head: '7/10 (70 %, 95 % CI 40–89 %)' }]]]);
  t.regex(formatComparison(flaky), /1 flaky[\s\S]*Flaky \(failed in some repeats only\):\n {2}flaky-nic on desktop-cirrus: every failure showed in some repeats[\s\S]*problem-10: 7\/10/);
  const always = compareRuns(once(), makeRepeatRun({ runs: 10, failing: 10 }));
  t.deepEqual(always.flaky, []);
  t.deepEqual(always.regressions.map((change) => [change.scenario, change.regressedModels]), [['flaky-nic', ['desktop-cirrus']]]);
});

test('compare against a baseline that repeated too: the 95 % intervals decide, whatever the rate', (t) => {
  const judge = (base: [number, number], head: [number, number]): string => {
    const comparison = compareRuns(makeRepeatRun({ runs: base[1], failing: base[0] }), makeRepeatRun({ runs: head[1], failing: head[0] }));
    return comparison.flaky.length > 0 ? 'flaky' : comparison.regressions.length > 0 ? 'regression' : 'no change';
  };
  t.is(judge([0, 10], [3, 10]), 'flaky', '0–28 % and 11–60 % overlap');
  t.is(judge([0, 20], [15, 20]), 'regression', '0–16 % and 53–89 % do not, though 15/20 is below 1');
  t.is(judge([0, 2], [3, 3]), 'flaky', 'two clean runs say too little: 0–66 % and 44–100 % overlap');
  t.is(judge([0, 3], [10, 10]), 'regression');
});

test('the HTML matrix shows a repeated scenario as one column, each cell with its repeats as expected and its rates', (t) => {
  const html = renderHtmlReport(makeRepeatRun({ runs: 10, failing: 7, errored: [10] }), { texts: new Map() });
  const matrix = /<table class="matrix">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  t.is(matrix.match(/<th scope="col"/g)?.length, 1);
  t.regex(matrix, /<th scope="col" title="flaky-nic">/);
  t.regex(matrix, /title="flaky-nic on desktop-cirrus: failed\nas expected in 3 of 10 repeats\nproblem-10: 7\/10 \(70 %, 95 % CI 40–89 %\)">✗<span class="rate" data-rate="3\/10">3\/10<\/span>/);
  t.regex(matrix, /title="flaky-nic on desktop-e1000: errored\nas expected in 9 of 10 repeats\nerrored: 1\/10/);
});

test('JUnit: each repeat is a suite with its index and the scenario\'s rates as properties', (t) => {
  const tree = buildJunitTree(makeRepeatRun({ runs: 4, failing: 1 }));
  t.deepEqual(tree.suites.map((suite) => suite.name), ['flaky-nic~1', 'flaky-nic~2', 'flaky-nic~3', 'flaky-nic~4']);
  const properties = Object.fromEntries(tree.suites[1]?.properties.map((property) => [property.name, property.value]) ?? []);
  t.like(properties, { 'repeat': '2 of 4 (flaky-nic)', 'repeats as expected': '3/4', 'rate problem-10': '1/4 (25 %, 95 % CI 5–70 %)' });
  t.false(buildJunitTree(once()).suites[0]?.properties.some((property) => property.name === 'repeat'));
});

test('merge recomputes the rates over the repeats of every shard; collapsing joins the repeats under the scenario\'s name', (t) => {
  const run = makeRepeatRun({ runs: 6, failing: 2 });
  const shard = (index: number, keep: (at: number) => boolean): RunResult => ({ ...run, shard: { index, total: 2 }, scenarios: run.scenarios.filter((_, at) => keep(at)), repeats: [] });
  const { result } = mergeResults([{ source: 'a', result: shard(1, (at) => at % 2 === 0) }, { source: 'b', result: shard(2, (at) => at % 2 === 1) }]);
  t.deepEqual(result.repeats, run.repeats);
  const collapsed = collapseRepeats(run);
  t.deepEqual(collapsed.scenarios.map((scenario) => [scenario.name, scenario.status, scenario.clones.length]), [['flaky-nic', 'failed', 12]]);
  t.is(collapseRepeats(once()).scenarios[0]?.name, 'flaky-nic');
});
