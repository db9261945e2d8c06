import { makeOnce, readProbeLines, type MalformedLine } from '../probe/read-probe-lines.js';
import { PROBE_SCHEMA_VERSION, probeLineSchema, type ProbeLine, type ProbeReport } from './probe-schema.js';

export type { MalformedLine } from '../probe/read-probe-lines.js';
export { MAX_LINE_CHARS } from '../probe/read-probe-lines.js';

/** The result of parsing a boot's agent channel. */
export interface ProbeParse {
  /** The report, when at least one valid line arrived. */
  report?: ProbeReport;
  malformed: MalformedLine[];
}

/**
 * Parses the probe lines of one boot (COM2, one JSON object per line) into a report. Never
 * throws: malformed, oversized, partial or interleaved lines are kept as evidence.
 * @example const { report, malformed } = parseProbeLines(agentLogText.split('\n'))
 */
export function parseProbeLines(lines: readonly string[]): ProbeParse {
  const { valid, malformed, reject } = readProbeLines<ProbeLine>(lines, probeLineSchema);
  return valid.length === 0 ? { malformed } : { report: assembleReport(valid, reject), malformed };
}

/** Builds a report from valid lines; a repeated one-per-boot line is evidence, the first wins. */
function assembleReport(lines: ProbeLine[], reject: (line: string, reason: string) => void): ProbeReport {
  const report: ProbeReport = {
    schema: PROBE_SCHEMA_VERSION, setup: null, mode: null, kernel: null, machineSid: null, computerName: null,
    accounts: [], devices: [], nics: [], volumes: [], descriptors: [], timings: null, generalized: null, stop: null, complete: false,
  };
  const once = makeOnce<ProbeLine>(reject);
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
