import test from 'ava';
import type { BisectRecord } from '../../../harness/results/types.js';
import { renderHtmlReport } from '../../../reports/html/render-html.js';
import { loadSmallRun } from '../../fixtures/results/load-fixture.js';

const record: BisectRecord = {
  scenario: 'golden', good: 'desktop-e1000', bad: 'desk-oldrev', status: 'found',
  dimensions: [
    { name: 'nic', good: 'e1000', bad: 'rtl8139 (install records 8139too)' },
    { name: 'video', good: 'VGA in slot 4', bad: 'cirrus-vga in slot 4' },
  ],
  culprits: [{ dimensions: ['nic'], model: 'desktop-e1000--nic-rtl8139-8139too' }],
  steps: [
    { round: 1, model: 'desktop-e1000', changes: [], verdict: 'expected', evidence: [], scenario: 'golden-round-1' },
    { round: 1, model: 'desk-oldrev', changes: ['nic', 'video'], verdict: 'failed', evidence: ['devices-started on golden-round-1/desk-oldrev#1: problem-10 — <b>10</b>'] },
    { round: 1, model: 'desktop-e1000--nic-rtl8139-8139too', changes: ['nic'], verdict: 'failed', evidence: ['devices-started: problem-10'] },
    { round: 1, model: 'desktop-e1000--video-cirrus-vga', changes: ['video'], verdict: 'expected', evidence: [] },
  ],
  summary: 'The smallest hardware change that breaks "golden": nic e1000 → rtl8139 (install records 8139too)',
};

test('the report reads the bisect section from the results: the answer, the dimensions (the culprit marked), every step with its evidence', (t) => {
  const html = renderHtmlReport({ ...loadSmallRun(), bisect: record }, { texts: new Map() });
  const section = /<section id="bisect">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  t.regex(section, /<p class="bisect-summary" data-status="found"><strong>The smallest hardware change that breaks &quot;golden&quot;: nic e1000 → rtl8139/);
  t.regex(section, /<tr class="culprit"><th scope="row">nic<\/th>/);
  t.notRegex(section, /<tr class="culprit"><th scope="row">video/);
  t.is(section.match(/<tr data-verdict=/g)?.length, 4);
  t.regex(section, /desk-oldrev \(bad\)<\/td><td>nic \+ video<\/td><td class="st-fail">failed<\/td><td><ul><li>devices-started on golden-round-1\/desk-oldrev#1: problem-10 — &lt;b&gt;10&lt;\/b&gt;/);
  t.false(renderHtmlReport(loadSmallRun(), { texts: new Map() }).includes('id="bisect"'), 'no section without a bisect');
});
