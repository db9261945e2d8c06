import type { KeptFiles, RetentionRecord, ScenarioResult } from '../../harness/results/types.js';
import { escapeHtml } from './escape.js';

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * Renders what the run left on disk (`--keep`): the policy, kept and removed bytes, and per
 * scenario and clone the files kept (disks and boot files only where the policy kept them).
 */
export function renderKeptSection(record: RetentionRecord, scenarios: readonly ScenarioResult[]): string {
  const row = (owner: string, kept: KeptFiles | undefined): string => {
    if (!kept) return '';
    const heavy = kept.files.filter((file) => /(^|\/)(disk\.(img|qcow2)|vmlinux|loader\.img|capture[^/]*)$/.test(file));
    return `<tr><th scope="row">${escapeHtml(owner)}</th><td>${mib(kept.bytes)}</td><td>${kept.files.length}</td><td>${heavy.map((file) => `<code>${escapeHtml(file)}</code>`).join(' ') || 'logs only'}</td></tr>`;
  };
  const rows = scenarios.flatMap((scenario) => [row(scenario.name, scenario.kept), ...scenario.clones.map((clone) => row(`${scenario.name} · ${clone.cloneId}`, clone.kept))]).join('\n');
  return `<section id="kept"><h2>Kept on disk</h2>
<p class="kept-summary" data-policy="${record.policy}" data-applied="${record.applied}">--keep ${record.policy}: ${mib(record.keptBytes)} kept, ${mib(record.removedBytes)} removed (${record.removedFiles} files). ${escapeHtml(record.note)}</p>
<table class="checks"><thead><tr><th>scenario · clone</th><th>bytes</th><th>files</th><th>disks, boot files, images kept</th></tr></thead><tbody>
${row('masters', record.masters)}
${rows}
</tbody></table></section>`;
}
