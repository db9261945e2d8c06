import type { BisectRecord, BisectVerdict } from '../../harness/results/types.js';
import { escapeHtml } from './escape.js';

const STATUS: Record<BisectVerdict, string> = { expected: 'st-pass', failed: 'st-fail', invalid: 'st-skip', errored: 'st-fail' };

/**
 * Renders `clonelab bisect`'s answer: the sentence, the dimensions the good and the bad model
 * differ in (the culprits marked), and every model judged with its evidence, round by round.
 */
export function renderBisectSection(record: BisectRecord): string {
  const culprit = new Set(record.culprits.flatMap((entry) => entry.dimensions));
  const dimensions = record.dimensions.map((dimension) => `<tr${culprit.has(dimension.name) && record.status === 'found' ? ' class="culprit"' : ''}>` +
    `<th scope="row">${escapeHtml(dimension.name)}</th><td>${escapeHtml(dimension.good)}</td><td>${escapeHtml(dimension.bad)}</td></tr>`).join('');
  const steps = record.steps.map((step) => {
    const role = step.model === record.good ? ' (good)' : step.model === record.bad ? ' (bad)' : '';
    const evidence = step.evidence.length > 0 ? `<ul>${step.evidence.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : '';
    return `<tr data-verdict="${step.verdict}"><td>${step.round}</td><td>${escapeHtml(step.model)}${role}</td><td>${escapeHtml(step.changes.join(' + ') || 'none')}</td>` +
      `<td class="${STATUS[step.verdict]}">${step.verdict}</td><td>${evidence}</td></tr>`;
  }).join('\n');
  return `<section id="bisect"><h2>Bisect: ${escapeHtml(record.scenario)}</h2>
<p class="bisect-summary" data-status="${record.status}"><strong>${escapeHtml(record.summary)}</strong></p>
<table class="checks"><thead><tr><th>dimension</th><th>good: ${escapeHtml(record.good)}</th><th>bad: ${escapeHtml(record.bad)}</th></tr></thead><tbody>${dimensions}</tbody></table>
<table class="checks bisect-steps"><thead><tr><th>round</th><th>model</th><th>changed from good</th><th>verdict</th><th>evidence</th></tr></thead><tbody>
${steps}
</tbody></table></section>`;
}
