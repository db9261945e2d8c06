import type { Comparison, ScenarioChange } from './compare-runs.js';
import type { TriagedFailure } from './triage.js';

/** Formats a comparison for the terminal: regressions first, each failure with its triage. */
export function formatComparison(comparison: Comparison): string {
  const lines = [
    `compare: base ${comparison.base.planId} (${comparison.base.startedAt}) → head ${comparison.head.planId} (${comparison.head.startedAt})`,
    `${comparison.regressions.length} regression(s), ${comparison.flaky.length > 0 ? `${comparison.flaky.length} flaky, ` : ''}${comparison.fixes.length} fix(es), ${comparison.stillFailing.length} still failing, ` +
      `${comparison.newScenarios.length} new and ${comparison.removedScenarios.length} removed scenario(s)`,
  ];
  section(lines, 'Regressions (expected before, not now)', comparison.regressions.map((change) => formatChange(change, change.regressedModels)));
  section(lines, 'Flaky (failed in some repeats only)', comparison.flaky.map((entry) => [
    `  ${entry.scenario}${entry.machines.length > 0 ? ` on ${entry.machines.join(', ')}` : ''}: ${entry.reason}`,
    ...entry.failures.map((failure) => `    ${failure.failure}: ${failure.head}${failure.base ? ` (before: ${failure.base})` : ''}`),
  ].join('\n')));
  section(lines, 'Fixes', comparison.fixes.map((change) => formatChange(change, change.fixedModels)));
  section(lines, 'Still failing', comparison.stillFailing.map((change) => formatChange(change, [])));
  section(lines, 'New scenarios', comparison.newScenarios.map((entry) => [`  ${entry.scenario}: ${entry.status}`, ...entry.triage.map(formatTriage)].join('\n')));
  section(lines, 'Removed scenarios', comparison.removedScenarios.map((name) => `  ${name}`));
  section(lines, 'New hardware models', comparison.newModels.map((name) => `  ${name}`));
  section(lines, 'Removed hardware models', comparison.removedModels.map((name) => `  ${name}`));
  return lines.join('\n');
}

function section(lines: string[], title: string, entries: string[]): void {
  if (entries.length === 0) return;
  lines.push('', `${title}:`, ...entries);
}

function formatChange(change: ScenarioChange, models: string[]): string {
  const on = models.length > 0 ? ` on ${models.join(', ')}` : '';
  return [`  ${change.scenario}: ${change.before} → ${change.after}${on}`, ...change.triage.map(formatTriage)].join('\n');
}

/** One triaged failure as a line: class, failure, models, reason. */
export function formatTriage(entry: TriagedFailure): string {
  return `    [${entry.triage}] ${entry.failure} on ${entry.machines.join(', ') || 'no model'}: ${entry.reason}`;
}
