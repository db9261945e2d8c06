// Reads a Debian boot's agent channel with the lab's line reader (harness/probe/read-probe-lines.ts:
// bounded lines, malformed ones kept as evidence, the first of a once-per-boot line wins).
import { makeOnce, readProbeLines, type MalformedLine } from '../../probe/read-probe-lines.js';
import { DEBIAN_PROBE_VERSION, debianProbeLineSchema, type DebianProbeLine, type DebianProbeReport } from './probe-schema.js';

/** A line the harness could not use, kept as evidence. */
export type MalformedDebianLine = MalformedLine;

/** The result of parsing a Debian boot's agent channel. */
export interface DebianProbeParse {
  /** The report, when at least one valid line arrived. */
  report?: DebianProbeReport;
  malformed: MalformedDebianLine[];
}

/** Lines longer than this are rejected unparsed: guest output is untrusted input. */
export { MAX_LINE_CHARS as MAX_DEBIAN_LINE_CHARS } from '../../probe/read-probe-lines.js';
/** At most this many lines are read from one boot (the probe writes a few dozen). */
export const MAX_DEBIAN_LINES = 2000;

/**
 * Parses the Debian probe lines of one boot (COM2, one JSON object per line) into a report. Never
 * throws: malformed, oversized, partial or repeated lines are kept as evidence.
 * @example const { report, malformed } = parseDebianProbeLines(agentLog.split('\n'))
 */
export function parseDebianProbeLines(lines: readonly string[]): DebianProbeParse {
  const { valid, malformed, reject } = readProbeLines<DebianProbeLine>(lines, debianProbeLineSchema, MAX_DEBIAN_LINES);
  return valid.length === 0 ? { malformed } : { report: assembleReport(valid, reject), malformed };
}

/** Builds a report from valid lines; a repeated one-per-boot line is evidence, the first wins. */
function assembleReport(lines: DebianProbeLine[], reject: (line: string, reason: string) => void): DebianProbeReport {
  const report: DebianProbeReport = {
    schema: DEBIAN_PROBE_VERSION, setup: null, setupErrors: [], firstBootSteps: [], kernel: null, machineId: null, hostname: null,
    staticHostname: null, sshHostKeys: [], devices: [], nics: [], root: null, failedUnits: null, timings: null, complete: false,
  };
  const once = makeOnce<DebianProbeLine>(reject);
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
