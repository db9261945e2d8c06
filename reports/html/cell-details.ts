import { describeErrorPlace } from '../../harness/errors/phase.js';
import type { CheckResult, CloneRun, TimelineEntry } from '../../harness/results/types.js';
import type { CloneTexts } from '../artifacts.js';
import type { Cell } from '../cells.js';
import { escapeHtml, escapeText, formatEvidence } from './escape.js';

/** Where artifacts are linked from: paths relative to the report's folder. */
export type LinkArtifact = (file: string | undefined) => string | undefined;

/** Renders one cell's details: timeline, checks with evidence, and per clone logs, screenshot and repro bundle. */
export function renderCellDetails(cell: Cell, id: string, texts: ReadonlyMap<string, CloneTexts>, link: LinkArtifact, sharedChecksIn?: string): string {
  const { scenario } = cell;
  const ids = new Set(cell.clones.map((clone) => clone.cloneId));
  const checks = scenario.checks.filter((check) => check.cloneId === undefined || ids.has(check.cloneId));
  const expected = scenario.expected === 'pass' ? 'pass' : `reproduce ${scenario.expected.reproduces.join(', ')}`;
  const failures = cell.failures.map((entry) => `${entry.failure}${entry.expected ? ' (expected)' : ' (unexpected)'}`);
  return `<details class="cell-detail" id="${id}" data-outcome="${cell.outcome}">
<summary>${escapeHtml(scenario.name)} × ${escapeHtml(cell.machine)}: ${cell.outcome}</summary>
<p>${escapeHtml(scenario.description)}</p>
<p class="meta">expects: ${escapeHtml(expected)} · ${scenario.guest ? `guest ${escapeHtml(scenario.guest)} · ` : ''}method ${escapeHtml(scenario.method)} · master built on ${escapeHtml(scenario.installMachine)}${scenario.masterIdentity ? ` · master ${escapeHtml(scenario.masterIdentity.kind)} ${escapeHtml(scenario.masterIdentity.value)}` : scenario.masterSid ? ` · master SID ${escapeHtml(scenario.masterSid)}` : ''}${scenario.reusedMasters ? ` · master reused from ${scenario.reusedMasters.map(escapeHtml).join(', ')}` : ''}${failures.length > 0 ? ` · failures: ${escapeHtml(failures.join(', '))}` : ''}</p>
${scenario.error ? `<p class="st-fail">${escapeHtml(scenario.error.kind)} error in ${escapeHtml(describeErrorPlace(scenario.error))}${scenario.error.timedOut ? ' (timeout)' : ''}: ${escapeHtml(scenario.error.message)}</p>` : ''}
${renderVerdict(cell)}
<h4>Lifecycle</h4>${renderTimeline(scenario.timeline)}
${scenario.captureNotes.length > 0 ? `<p class="meta">${scenario.captureNotes.map(escapeHtml).join('<br>')}</p>` : ''}
<h4>Checks</h4>${renderChecks(checks, sharedChecksIn)}
${cell.clones.map((clone) => renderClone(clone, texts.get(clone.cloneId), link)).join('\n')}
</details>`;
}

function renderVerdict(cell: Cell): string {
  const verdict = cell.scenario.verdict;
  if (!verdict) return '';
  const parts = [
    verdict.reproduced.length > 0 ? `reproduced: ${verdict.reproduced.join(', ')}` : '',
    verdict.missing.length > 0 ? `missing: ${verdict.missing.map((entry) => `${entry.failure} (${entry.where})`).join(', ')}` : '',
    verdict.unexpected.length > 0 ? `unexpected: ${verdict.unexpected.map((entry) => `${entry.failure} (${entry.where})`).join(', ')}` : '',
  ].filter(Boolean);
  return `<p>scenario verdict: <strong>${escapeHtml(verdict.status)}</strong>${parts.length > 0 ? ` — ${escapeHtml(parts.join('; '))}` : ''}</p>`;
}

/** Renders lifecycle states with their time since the first one. */
function renderTimeline(timeline: readonly TimelineEntry[]): string {
  const start = timeline[0]?.at ?? 0;
  return `<ol class="timeline">${timeline.map((entry) => `<li>${escapeHtml(entry.state)} <small>+${((entry.at - start) / 1000).toFixed(1)} s</small></li>`).join('')}</ol>`;
}

/**
 * Renders checks with their evidence. Fleet and image checks belong to the whole scenario: they
 * are shown in full in its first cell; the other cells list the passing ones by name with a link
 * there (failing ones stay in full), which keeps the report of a large fleet small.
 */
function renderChecks(checks: readonly CheckResult[], sharedChecksIn: string | undefined): string {
  if (checks.length === 0) return '<p class="meta">no checks ran</p>';
  const shared = (check: CheckResult): boolean => sharedChecksIn !== undefined && check.scope !== 'clone' && check.status !== 'fail';
  const oneClone = new Set(checks.map((check) => check.cloneId).filter(Boolean)).size <= 1;
  const rows = checks.filter((check) => !shared(check)).map((check) => `<tr><td class="st-${check.status}">${check.status}</td><td>${escapeHtml(check.id)}<br><small>${escapeHtml(check.scope)}${check.cloneId && !oneClone ? ` ${escapeHtml(check.cloneId)}` : ''}</small></td>` +
    `<td>${escapeHtml(check.summary)}${check.failures.length > 0 ? `<br><strong>${escapeHtml(check.failures.join(', '))}</strong>` : ''}` +
    `<details><summary>evidence${typeof check.evidence.source === 'string' ? `: ${escapeHtml(check.evidence.source)}` : ''}</summary><pre>${escapeText(formatEvidence(check.evidence))}</pre></details></td></tr>`);
  const elsewhere = checks.filter(shared);
  const note = elsewhere.length === 0 ? '' : `<p class="meta">also ${elsewhere.map((check) => `${escapeHtml(check.id)}: ${check.status}`).join(', ')} (scenario-wide; <a href="#${sharedChecksIn}">evidence in its first cell</a>)</p>`;
  return `<table class="checks"><thead><tr><th>status</th><th>check</th><th>summary and evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>${note}`;
}

function renderClone(clone: CloneRun, texts: CloneTexts | undefined, link: LinkArtifact): string {
  const facts = clone.facts;
  const boot = clone.bootSeconds === undefined ? '' : ` · boot ${clone.bootSeconds.toFixed(1)} s`;
  const screenshot = texts?.screenshot
    ? `<img class="screenshot" alt="display of ${escapeHtml(clone.cloneId)}" src="data:image/png;base64,${texts.screenshot.toString('base64')}">`
    : link(clone.artifacts.screenshot) ? `<a href="${escapeHtml(link(clone.artifacts.screenshot))}">display screenshot</a>` : '<span class="meta">no screenshot</span>';
  const volume = facts?.report?.volume;
  const geometry = [
    facts?.partitionBytes === undefined ? '' : `partition ${facts.partitionBytes} bytes`,
    volume ? `volume ${volume.filesystem}, ${volume.sizeBytes} bytes, serial ${volume.serial}` : '',
  ].filter(Boolean).join('; ') || 'unknown';
  const slots = (facts?.expectedDevices ?? []).map((device) => `${device.kind} ${device.qemu} at ${device.slot} (${device.vendorDevice})`).join('\n');
  const placement = facts?.placement;
  const placed = placement
    ? `<p>placement (QMP query-pci, QEMU ${escapeHtml(placement.qemuVersion)}, ${placement.provenWhen === 'paused' ? 'before the CPUs ran' : 'once the firmware numbered the bridges'}; ${placement.pausedMs} ms from QEMU start to cont):</p>` +
      `<pre>${escapeText(placement.devices.map((device) => `${device.role} ${device.qemu} ${device.ids}: expected ${device.expected}, found ${device.found ?? 'nowhere'}${device.ok ? '' : ' ✗'}`).join('\n'))}</pre>`
    : '';
  const files = (['runScript', 'consoleLog', 'agentLog', 'screenshot'] as const)
    .map((key) => [key, link(clone.artifacts[key])] as const).filter(([, href]) => href)
    .map(([key, href]) => `<a href="${escapeHtml(href)}">${key}</a>`).join(' · ');
  return `<div class="clone">
<h4>${escapeHtml(clone.cloneId)}: ${escapeHtml(clone.status)}${boot} · ${clone.attempts} attempt(s)</h4>
${clone.error ? `<p class="${clone.status === 'errored' ? 'st-fail' : 'meta'}">${clone.status === 'errored' ? '' : 'retried after: '}${escapeHtml(clone.error.kind)} error in ${escapeHtml(describeErrorPlace(clone.error))}${clone.error.timedOut ? ' (timeout)' : ''}: ${escapeHtml(clone.error.message)}</p>` : ''}
${facts?.stop ? `<p class="st-fail">${escapeHtml(facts.stop)}</p>` : ''}
${clone.notes.length > 0 ? `<p class="meta">${clone.notes.map(escapeHtml).join('<br>')}</p>` : ''}
${renderTimeline(clone.timeline)}
<div>${screenshot}</div>
<details><summary>console log (end)</summary><pre>${escapeText(texts?.console ?? '(no console log)')}</pre></details>
<details><summary>agent log (end)</summary><pre>${escapeText(texts?.agent ?? '(no agent log)')}</pre></details>
<details><summary>repro bundle</summary>
<p>geometry: ${escapeHtml(geometry)}</p>
<p>MACs: ${escapeHtml((facts?.hardwareMacs ?? []).join(', ') || 'unknown')}</p>
<pre>${escapeText(slots || 'slots unknown')}</pre>
${placed}
<p>runqemu.sh (run it to boot this clone again):</p><pre>${escapeText(texts?.runScript ?? '(no repro script)')}</pre>
${files ? `<p>${files}</p>` : ''}
</details>
</div>`;
}
