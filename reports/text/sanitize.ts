/** Limits for guest text shown in reports. */
export interface SanitizeLimits {
  /** Longer lines are cut, with a note saying how much was dropped. */
  maxLineChars: number;
  /** Only the last lines are kept. */
  maxLines: number;
}

const DEFAULT_LIMITS: SanitizeLimits = { maxLineChars: 240, maxLines: 40 };

// CSI and OSC sequences and two-character escapes: colours and cursor moves from a guest console.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
// Control characters that mean nothing in a report and are illegal in XML 1.0; tab and newline stay.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Strips terminal escapes and control characters; invalid code points become U+FFFD. */
export function cleanGuestString(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ANSI, '').replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd');
}

/** Makes guest output fit for a report: clean, last lines only, long lines cut. */
export function sanitizeGuestText(text: string, limits: Partial<SanitizeLimits> = {}): string {
  const { maxLineChars, maxLines } = { ...DEFAULT_LIMITS, ...limits };
  const lines = cleanGuestString(text).split('\n');
  if (lines.at(-1) === '') lines.pop();
  const kept = lines.slice(-maxLines).map((line) => (line.length > maxLineChars
    ? `${line.slice(0, maxLineChars)}… (${line.length - maxLineChars} more characters)`
    : line));
  const dropped = lines.length - kept.length;
  return `${dropped > 0 ? `… (${dropped} earlier lines)\n` : ''}${kept.join('\n')}`;
}

/** Decodes bytes as UTF-8 without failing: invalid sequences become U+FFFD. */
export function decodeLossy(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
