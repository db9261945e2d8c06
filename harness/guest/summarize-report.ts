import type { ProbeReport } from './probe-schema.js';

/** The facts of a probe report a person (or a test) looks at first. */
export interface ReportSummary {
  setup: ProbeReport['setup'];
  machineSid: string | null;
  computerName: string | null;
  stop: string | null;
  /** Every judged device started (bridges and other chipset functions are not judged). */
  allStarted: boolean;
  /** `slot vendor:device problem N` for each device with a problem. */
  problems: string[];
  complete: boolean;
}

/** Summarizes a probe report (or its absence) into one small object. */
export function summarizeReport(report: ProbeReport | undefined): ReportSummary {
  const problems = (report?.devices ?? [])
    .filter((device) => device.status === 'problem')
    .map((device) => `${device.slot} ${device.vendor}:${device.device} problem ${device.problem}`);
  return {
    setup: report?.setup ?? null, machineSid: report?.machineSid ?? null, computerName: report?.computerName ?? null,
    stop: report?.stop?.code ?? null, allStarted: report !== undefined && !report.stop && problems.length === 0 && report.devices.length > 0,
    problems, complete: report?.complete ?? false,
  };
}
