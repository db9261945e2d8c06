import type { Comparison, ScenarioChange } from '../compare/compare-runs.js';
import type { TriagedFailure } from '../compare/triage.js';
import { escapeHtml } from './escape.js';

/** Renders the comparison with a baseline run: regressions with their triage, fixes, still failing, new and removed. */
export function renderCompareSection(comparison: Comparison): string {
  const list = (title: string, changes: readonly ScenarioChange[], models: (change: ScenarioChange) => string[]): string => (changes.length === 0 ? '' :
    `<h3>${escapeHtml(title)} (${changes.length})</h3><ul>${changes.map((change) => `<li><strong>${escapeHtml(change.scenario)}</strong>: ${escapeHtml(change.before)} → ${escapeHtml(change.after)}` +
      `${models(change).length > 0 ? ` on ${escapeHtml(models(change).join(', '))}` : ''}${renderTriage(change.triage)}</li>`).join('')}</ul>`);
  const names = (title: string, entries: readonly string[]): string => (entries.length === 0 ? '' : `<p>${escapeHtml(title)}: ${escapeHtml(entries.join(', '))}</p>`);
  return `<section id="compare"><h2>Compared with the baseline</h2>
<p class="meta">base ${escapeHtml(comparison.base.planId)} (${escapeHtml(comparison.base.startedAt)})</p>
<p class="counts"><span class="count ${comparison.regressions.length > 0 ? 'failed' : 'passed'}" data-count="regressions">${comparison.regressions.length} regression(s)</span>` +
    `<span class="count passed">${comparison.fixes.length} fix(es)</span><span class="count interrupted">${comparison.stillFailing.length} still failing</span></p>
${list('Regressions: expected before, not now', comparison.regressions, (change) => change.regressedModels)}
${comparison.flaky.length > 0 ? `<h3>Flaky: failed in some repeats only (${comparison.flaky.length})</h3><ul>${comparison.flaky.map((entry) => `<li><strong>${escapeHtml(entry.scenario)}</strong>` +
  `${entry.machines.length > 0 ? ` on ${escapeHtml(entry.machines.join(', '))}` : ''}: ${escapeHtml(entry.reason)}<ul>${entry.failures.map((failure) => `<li>${escapeHtml(failure.failure)}: ${escapeHtml(failure.head)}${failure.base ? ` (before: ${escapeHtml(failure.base)})` : ''}</li>`).join('')}</ul></li>`).join('')}</ul>` : ''}
${list('Fixes', comparison.fixes, (change) => change.fixedModels)}
${list('Still failing', comparison.stillFailing, () => [])}
${comparison.newScenarios.length > 0 ? `<h3>New scenarios</h3><ul>${comparison.newScenarios.map((entry) => `<li>${escapeHtml(entry.scenario)}: ${escapeHtml(entry.status)}${renderTriage(entry.triage)}</li>`).join('')}</ul>` : ''}
${names('Removed scenarios', comparison.removedScenarios)}${names('New hardware models', comparison.newModels)}${names('Removed hardware models', comparison.removedModels)}
</section>`;
}

function renderTriage(entries: readonly TriagedFailure[]): string {
  if (entries.length === 0) return '';
  return `<ul class="triage">${entries.map((entry) => `<li><span class="tag">${escapeHtml(entry.triage)}</span> ${escapeHtml(entry.failure)} on ${escapeHtml(entry.machines.join(', '))}: ${escapeHtml(entry.reason)}</li>`).join('')}</ul>`;
}
