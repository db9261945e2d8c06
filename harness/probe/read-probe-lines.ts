// The agent channel's line protocol, whichever guest speaks it: one JSON object per line, each
// validated by the guest's schema; guest output is untrusted, so lines are bounded and the bad
// ones kept as evidence instead of thrown.

/** A line the harness could not use, kept as evidence. */
export interface MalformedLine {
  /** The line (cut to `MAX_EVIDENCE_CHARS` when it was longer). */
  line: string;
  reason: string;
}

/** What validates one parsed line (a zod schema). */
export interface LineSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
}

/** Lines longer than this are rejected unparsed. */
export const MAX_LINE_CHARS = 16 * 1024;
/** Evidence keeps at most this much of a bad line. */
export const MAX_EVIDENCE_CHARS = 256;
const MAX_MALFORMED = 200;

/** The valid lines in order, the malformed ones, and the function that adds evidence of a line rejected later. */
export interface ReadLines<T> {
  valid: T[];
  malformed: MalformedLine[];
  reject: (line: string, reason: string) => void;
}

/**
 * Reads a boot's probe lines: skips blank ones, rejects oversized, non-JSON and invalid ones as
 * evidence (at most 200), and reads at most `maxLines`.
 * @example const { valid, malformed } = readProbeLines(agentLines, probeLineSchema)
 */
export function readProbeLines<T>(lines: readonly string[], schema: LineSchema<T>, maxLines = Number.POSITIVE_INFINITY): ReadLines<T> {
  const malformed: MalformedLine[] = [];
  const reject = (line: string, reason: string): void => {
    if (malformed.length < MAX_MALFORMED) malformed.push({ line: line.length > MAX_EVIDENCE_CHARS ? `${line.slice(0, MAX_EVIDENCE_CHARS)}…` : line, reason });
  };
  const valid: T[] = [];
  for (const raw of lines.slice(0, maxLines)) {
    const line = String(raw).replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (line.length > MAX_LINE_CHARS) {
      reject(line, `oversized line (${line.length} characters, at most ${MAX_LINE_CHARS})`);
      continue;
    }
    const parsed = parseJson(line);
    if (!parsed.ok) {
      reject(line, `not JSON: ${parsed.error}`);
      continue;
    }
    const checked = schema.safeParse(parsed.value);
    if (!checked.success) {
      reject(line, checked.error.issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(line)'}: ${issue.message}`).join('; '));
      continue;
    }
    valid.push(checked.data);
  }
  if (lines.length > maxLines) reject(`(${lines.length - maxLines} more lines)`, `too many lines (at most ${maxLines} are read)`);
  return { valid, malformed, reject };
}

/** Marks the first line of each once-per-boot kind; a repeat is evidence, and the first one counts. */
export function makeOnce<T extends { t: string }>(reject: (line: string, reason: string) => void): (line: T) => boolean {
  const seen = new Set<string>();
  return (line) => {
    if (!seen.has(line.t)) {
      seen.add(line.t);
      return true;
    }
    reject(JSON.stringify(line).slice(0, MAX_EVIDENCE_CHARS), `repeated "${line.t}" line (only the first one counts)`);
    return false;
  };
}

function parseJson(line: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(line) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.slice(0, 120) : 'parse error' };
  }
}
