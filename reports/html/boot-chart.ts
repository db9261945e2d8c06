import type { RunResult } from '../../harness/results/types.js';
import { escapeHtml } from './escape.js';

/** Boot times of one hardware model. */
export interface BootStats { machine: string; min: number; median: number; max: number; count: number }

/** Collects boot seconds per hardware model (booted clones only), in the given model order. */
export function collectBootStats(result: RunResult, machines: readonly string[]): BootStats[] {
  const seconds = new Map<string, number[]>();
  for (const clone of result.scenarios.flatMap((scenario) => scenario.clones)) {
    if (clone.bootSeconds === undefined || !Number.isFinite(clone.bootSeconds)) continue;
    seconds.set(clone.machine, [...(seconds.get(clone.machine) ?? []), clone.bootSeconds]);
  }
  return machines.flatMap((machine) => {
    const values = (seconds.get(machine) ?? []).sort((a, b) => a - b);
    if (values.length === 0) return [];
    return [{ machine, min: values[0]!, median: values[Math.floor((values.length - 1) / 2)]!, max: values.at(-1)!, count: values.length }];
  });
}

/** Renders an inline SVG bar chart: median boot time per model, with a min–max whisker. */
export function renderBootChart(stats: readonly BootStats[]): string {
  if (stats.length === 0) return '<p class="meta">no clone booted</p>';
  const label = 190;
  const width = 520;
  const row = 22;
  const top = Math.max(...stats.map((entry) => entry.max), 1);
  const x = (value: number): number => label + (value / top) * (width - 10);
  const bars = stats.map((entry, index) => {
    const y = index * row + 4;
    return `<g><title>${escapeHtml(entry.machine)}: median ${entry.median.toFixed(1)} s, ${entry.min.toFixed(1)}–${entry.max.toFixed(1)} s over ${entry.count} boot(s)</title>` +
      `<text x="${label - 6}" y="${y + 13}" text-anchor="end" font-size="12">${escapeHtml(entry.machine)}</text>` +
      `<rect x="${label}" y="${y}" width="${(x(entry.median) - label).toFixed(1)}" height="16" fill="#3b6fd8"/>` +
      `<line x1="${x(entry.min).toFixed(1)}" x2="${x(entry.max).toFixed(1)}" y1="${y + 8}" y2="${y + 8}" stroke="#222"/>` +
      `<text x="${(x(entry.max) + 4).toFixed(1)}" y="${y + 13}" font-size="11">${entry.median.toFixed(1)} s</text></g>`;
  }).join('\n');
  const height = stats.length * row + 8;
  return `<svg class="boot-chart" role="img" aria-label="boot time per hardware model" xmlns="http://www.w3.org/2000/svg" width="${label + width + 60}" height="${height}" viewBox="0 0 ${label + width + 60} ${height}">\n${bars}\n</svg>`;
}
