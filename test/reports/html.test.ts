import path from 'node:path';
import test from 'ava';
import tmp from 'tmp';
import { listCells } from '../../reports/cells.js';
import { renderHtml } from '../../reports/html-reporter.js';
import { compareRuns } from '../../reports/compare/compare-runs.js';
import { collectCloneTexts } from '../../reports/artifacts.js';
import { renderHtmlReport } from '../../reports/html/render-html.js';
import { loadSmallRun, synthesizeRun } from '../fixtures/results/load-fixture.js';
import { makeHostileRun } from './hostile-run.js';

test('guest-controlled text is escaped everywhere: one script tag, no escapes, huge lines cut, invalid UTF-8 replaced', async (t) => {
  const dir = tmp.dirSync({ unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const html = await renderHtml(makeHostileRun(dir.name), dir.name);
  t.is(html.match(/<script/g)?.length, 1);
  t.false(html.includes('<img src=x'));
  t.true(html.includes('&lt;img src=x onerror="window.__pwned = true"&gt;')); // in a log: quotes need no escaping in text
  t.false(/title="[^"]*<|alt="[^"]*</.test(html));
  t.true(html.includes('&lt;/pre&gt;&lt;/details&gt;'));
  // eslint-disable-next-line no-control-regex -- the point: no control characters survive
  t.false(/[\u0000-\u0008\u001b]/.test(html));
  t.true(html.includes('RED'));
  // Only the end of a log is read; a long line in it is cut.
  t.false(html.includes('A'.repeat(1000)));
  t.regex(html, /… \(\d+ earlier bytes\)/);
  t.regex(html, /\nB{240}… \(9760 more characters\)\nlast line/);
  t.true(html.includes('\ufffd'));
  t.true(html.length < 400_000);
});

test('the matrix has one cell per scenario × model, coloured by outcome, and counts on top', async (t) => {
  const run = synthesizeRun({
    scenarios: 4, machines: ['desktop-e1000', 'desktop-cirrus'], clonesPerMachine: 1,
    inject: [{ scenario: 'scenario-002', machines: ['desktop-cirrus'], failure: 'problem-10' }], errored: ['scenario-003/desktop-e1000'],
  });
  const html = renderHtmlReport(run, { texts: await collectCloneTexts(run, { screenshots: true }) });
  t.is(listCells(run).length, 8);
  t.is(html.match(/<td class="cell /g)?.length, 8);
  t.is(html.match(/<td class="cell failed"/g)?.length, 1);
  t.is(html.match(/<td class="cell errored"/g)?.length, 1);
  t.is(html.match(/<td class="cell passed"/g)?.length, 6);
  t.regex(html, /<strong>4 scenarios<\/strong><span class="count passed" data-count="passed">2 passed<\/span><span class="count failed" data-count="failed">1 failed<\/span><span class="count errored" data-count="errored">1 errored<\/span>/);
  t.is(html.match(/<details class="cell-detail"/g)?.length, 8);
  t.is(html.match(/src="data:image\/png;base64,iVBOR/g)?.length, 8);
  t.regex(html, /<svg class="boot-chart"[^]*desktop-e1000[^]*desktop-cirrus[^]*<\/svg>/);
});

test('a cell shows timeline, checks with evidence, logs and the repro bundle', async (t) => {
  const run = loadSmallRun();
  const html = await renderHtml(run, path.dirname(run.scenarios[0]!.clones[0]!.artifacts.consoleLog!));
  t.regex(html, /<ol class="timeline"><li>install <small>\+0\.0 s<\/small><\/li><li>capture/);
  t.regex(html, /machine-sid-unique/);
  t.regex(html, /evidence: probe report: devices vs hardware model/);
  t.regex(html, /probe report done, powering off/);
  t.regex(html, /<pre>#!\/bin\/sh\n# Repro: the exact QEMU command line clonelab ran\.\nexec 'qemu-system-x86_64'/);
  t.regex(html, /MACs: 52:ef:73:77:76:30/);
  t.regex(html, /nic e1000 at 00:02\.0 \(8086:100e\)/);
  t.regex(html, /geometry: partition 267386880 bytes; volume fat32/);
});

test('with a baseline the report has a comparison section naming the regression', async (t) => {
  const machines = ['desktop-e1000', 'desktop-cirrus'];
  const base = synthesizeRun({ scenarios: 2, machines, clonesPerMachine: 1 });
  const head = synthesizeRun({ scenarios: 2, machines, clonesPerMachine: 1, inject: [{ scenario: 'scenario-001', machines: ['desktop-cirrus'], failure: 'problem-10' }] });
  const html = renderHtmlReport(head, { texts: new Map(), comparison: compareRuns(base, head) });
  t.regex(html, /<section id="compare">/);
  t.regex(html, /1 regression\(s\)/);
  t.regex(html, /<strong>scenario-001<\/strong>: passed → failed on desktop-cirrus<ul class="triage"><li><span class="tag">hardware-specific<\/span> problem-10 on desktop-cirrus: .* video/);
});
