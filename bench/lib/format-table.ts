import type { JudgedRow } from './row.js';

/** Formats a number for the table: 2 decimals below 10, 1 below 1000, none above. */
export function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 1000 ? 1 : 0;
  return value.toFixed(digits);
}

/** Escapes text for one Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Renders judged rows as a Markdown table: figure, value, goal, met, note. */
export function formatMarkdownTable(rows: readonly JudgedRow[]): string {
  const lines = ['| # | figure | value | goal | met | note |', '|---|---|---:|---|---|---|'];
  for (const row of rows) {
    const value = row.value === null ? 'n/a' : `${formatNumber(row.value)} ${row.unit}`.trim();
    const goal = row.goal ? `${row.goal.op === '<=' ? '≤' : '≥'} ${formatNumber(row.goal.value)} ${row.unit}${row.goal.source === 'bench' ? ' (bench)' : ''}`.trim() : '—';
    const met = row.met === undefined ? (row.goal ? 'n/a' : '—') : row.met ? 'yes' : '**no**';
    lines.push(`| ${row.item} | ${cell(row.figure)} | ${cell(value)} | ${cell(goal)} | ${met} | ${cell(row.note ?? '')} |`);
  }
  return lines.join('\n');
}
