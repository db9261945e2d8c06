import { PROBE_SCHEMA_VERSION, probeLineSchema, type ProbeLine, type ProbeReport } from './probe-schema.js';

/** A line the harness could not use, kept as evidence. */
export interface MalformedLine {
  /** The line (cut to `MAX_EVIDENCE_CHARS` when it was longer). */
  line: string;
  reason: string;
}

/** The result of parsing a boot's agent channel. */
export interface ProbeParse {
  /** The report, when at least one valid line arrived. */
  report?: ProbeReport;
  malformed: MalformedLine[];
}

/** Lines longer than this are rejected unparsed: guest output is untrusted input. */
export const MAX_LINE_CHARS = 16 * 1024;
const MAX_EVIDENCE_CHARS = 256;
const MAX_MALFORMED = 200;

/**
 * Parses the probe lines of one boot (COM2, one JSON object per line) into a report. Never
 * throws: malformed, oversized, partial or interleaved lines are kept as evidence.
 * @example const { report, malformed } = parseProbeLines(agentLogText.split('\n'))
 */
export function parseProbeLines(lines: readonly string[]): ProbeParse {
  const malformed: MalformedLine[] = [];
  const reject = (line: string, reason: string): void => {
    if (malformed.length < MAX_MALFORMED) malformed.push({ line: line.length > MAX_EVIDENCE_CHARS ? `${line.slice(0, MAX_EVIDENCE_CHARS)}…` : line, reason });
  };
  const valid: ProbeLine[] = [];
  for (const raw of lines) {
    const line = typeof raw === 'string' ? raw.replace(/\r$/, '') : String(raw);
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
    const checked = probeLineSchema.safeParse(parsed.value);
    if (!checked.success) {
      reject(line, describeIssues(checked.error.issues));
      continue;
    }
    valid.push(checked.data);
  }
  return valid.length === 0 ? { malformed } : { report: assembleReport(valid, reject), malformed };
}

/** Builds a report from valid lines; a repeated one-per-boot line is evidence, the first wins. */
function assembleReport(lines: ProbeLine[], reject: (line: string, reason: string) => void): ProbeReport {
  const report: ProbeReport = {
    schema: PROBE_SCHEMA_VERSION, setup: null, mode: null, kernel: null, machineSid: null, computerName: null,
    accounts: [], devices: [], nics: [], volumes: [], descriptors: [], timings: null, generalized: null, stop: null, complete: false,
  };
  const seen = new Set<string>();
  const once = (line: ProbeLine): boolean => {
    if (!seen.has(line.t)) {
      seen.add(line.t);
      return true;
    }
    reject(JSON.stringify(line), `repeated "${line.t}" line (only the first one counts)`);
    return false;
  };
  for (const line of lines) {
    const { v: _v, t: _t, ...body } = line;
    switch (line.t) {
      case 'begin':
        if (once(line)) Object.assign(report, { setup: line.setup, mode: line.mode, kernel: line.kernel });
        break;
      case 'identity':
        if (once(line)) Object.assign(report, { machineSid: line.machineSid, computerName: line.computerName });
        break;
      case 'account': report.accounts.push({ name: line.name, rid: line.rid, sid: line.sid }); break;
      case 'device': report.devices.push(body as ProbeReport['devices'][number]); break;
      case 'nic': report.nics.push(body as ProbeReport['nics'][number]); break;
      case 'volume': report.volumes.push(body as ProbeReport['volumes'][number]); break;
      case 'descriptor': report.descriptors.push({ path: line.path, owner: line.owner }); break;
      case 'timing': if (once(line)) report.timings = body as Record<string, number>; break;
      case 'generalized': if (once(line)) report.generalized = { massStorage: line.massStorage, sidChanger: line.sidChanger }; break;
      case 'stop': if (once(line)) report.stop = { code: line.code, name: line.name, detail: line.detail }; break;
      case 'end': if (once(line)) report.complete = true; break;
    }
  }
  // A bugcheck ends the boot: the report is whole once the STOP line is there.
  if (report.stop) report.complete = true;
  return report;
}

function parseJson(line: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(line) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.slice(0, 120) : 'parse error' };
  }
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(line)'}: ${issue.message}`).join('; ');
}
