import { cleanGuestString } from '../text/sanitize.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes any value for HTML text or a quoted attribute, after stripping terminal escapes and
 * control characters: everything in a report may come from a guest, so everything goes here.
 */
export function escapeHtml(value: unknown): string {
  return cleanGuestString(String(value)).replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/**
 * Escapes guest text for element content only (not attributes): quotes need no escaping there,
 * and leaving them keeps JSON evidence and logs a third smaller.
 */
export function escapeText(value: unknown): string {
  return cleanGuestString(String(value)).replace(/[&<>]/g, (character) => ENTITIES[character] ?? character);
}

/** Formats JSON evidence for a report, cut at `maxChars` so one huge value cannot bloat the page. */
export function formatEvidence(value: unknown, maxChars = 1_500): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > maxChars ? `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)` : text;
}
