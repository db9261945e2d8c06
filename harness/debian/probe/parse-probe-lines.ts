// Reads a Debian boot's agent channel the way harness/guest/parse-probe-lines.ts reads the reference
// guest's (bounded lines, malformed ones kept as evidence, the first of a once-per-boot line wins);
// the two cannot share code because harness/debian and harness/guest sit in the same layer.
import { DEBIAN_PROBE_VERSION, debianProbeLineSchema, type DebianProbeLine, type DebianProbeReport } from './probe-schema.js';

/** A line the harness could not use, kept as evidence. */
export interface MalformedDebianLine {
  /** The line (cut to 256 characters when it was longer). */
  line: string;
  reason: string;
}

/** The result of parsing a Debian boot's agent channel. */
export interface DebianProbeParse {
  /** The report, when at least one valid line arrived. */
  report?: DebianProbeReport;
  malformed: MalformedDebianLine[];
}

/** Lines longer than this are rejected unparsed: guest output is untrusted input. */
export const MAX_DEBIAN_LINE_CHARS = 16 * 1024;
/** At most this many lines are read from one boot (the probe writes a few dozen). */
export const MAX_DEBIAN_LINES = 2000;
const MAX_EVIDENCE_CHARS = 256;
const MAX_MALFORMED = 200;

/**
 * Parses the Debian probe lines of one boot (COM2, one JSON object per line) into a report. Never
 * throws: malformed, oversized, partial or repeated lines are kept as evidence.
 * @example const { report, malformed } = parseDebianProbeLines(agentLog.split('\n'))
 */
export function parseDebianProbeLines(lines: readonly string[]): DebianProbeParse {
  const malformed: MalformedDebianLine[] = [];
  const reject = (line: string, reason: string): void => {
    if (malformed.length < MAX_MALFORMED) malformed.push({ line: line.length > MAX_EVIDENCE_CHARS ? `${line.slice(0, MAX_EVIDENCE_CHARS)}…` : line, reason });
  };
  const valid: DebianProbeLine[] = [];
  for (const raw of lines.slice(0, MAX_DEBIAN_LINES)) {
    const line = String(raw).replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (line.length > MAX_DEBIAN_LINE_CHARS) {
      reject(line, `oversized line (${line.length} characters, at most ${MAX_DEBIAN_LINE_CHARS})`);
      continue;
    }
    const parsed = parseJson(line);
    if (!parsed.ok) {
      reject(line, `not JSON: ${parsed.error}`);
      continue;
    }
    const checked = debianProbeLineSchema.safeParse(parsed.value);
    if (!checked.success) {
      reject(line, checked.error.issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(line)'}: ${issue.message}`).join('; '));
      continue;
    }
    valid.push(checked.data);
  }
  if (lines.length > MAX_DEBIAN_LINES) reject(`(${lines.length - MAX_DEBIAN_LINES} more lines)`, `too many lines (at most ${MAX_DEBIAN_LINES} are read)`);
  return valid.length === 0 ? { malformed } : { report: assembleReport(valid, reject), malformed };
}

/** Builds a report from valid lines; a repeated one-per-boot line is evidence, the first wins. */
function assembleReport(lines: DebianProbeLine[], reject: (line: string, reason: string) => void): DebianProbeReport {
  const report: DebianProbeReport = {
    schema: DEBIAN_PROBE_VERSION, setup: null, setupErrors: [], firstBootSteps: [], kernel: null, machineId: null, hostname: null,
    staticHostname: null, sshHostKeys: [], devices: [], nics: [], root: null, failedUnits: null, timings: null, complete: false,
  };
  const seen = new Set<string>();
  const once = (line: DebianProbeLine): boolean => {
    if (!seen.has(line.t)) {
      seen.add(line.t);
      return true;
    }
    reject(JSON.stringify(line).slice(0, MAX_EVIDENCE_CHARS), `repeated "${line.t}" line (only the first one counts)`);
    return false;
  };
  for (const line of lines) {
    const { v: _v, t: _t, ...body } = line;
    switch (line.t) {
      case 'begin':
        if (once(line)) Object.assign(report, { setup: line.setup, setupErrors: line.setupErrors, firstBootSteps: line.firstBootSteps, kernel: line.kernel });
        break;
      case 'identity':
        if (once(line)) Object.assign(report, { machineId: line.machineId, hostname: line.hostname, staticHostname: line.staticHostname, sshHostKeys: line.sshHostKeys });
        break;
      case 'device': if (report.devices.length < 256) report.devices.push(body as DebianProbeReport['devices'][number]); break;
      case 'nic': if (report.nics.length < 64) report.nics.push(body as DebianProbeReport['nics'][number]); break;
      case 'root': if (once(line)) report.root = body as NonNullable<DebianProbeReport['root']>; break;
      case 'units': if (once(line)) report.failedUnits = line.failed; break;
      case 'timing': if (once(line)) report.timings = { multiUser: line.multiUser, probeStarted: line.probeStarted, networkWaitEnded: line.networkWaitEnded, reported: line.reported }; break;
      case 'end': if (once(line)) report.complete = true; break;
    }
  }
  return report;
}

function parseJson(line: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(line) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.slice(0, 120) : 'parse error' };
  }
}
