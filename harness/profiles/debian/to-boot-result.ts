import type { BootLinuxOutcome } from '../../debian/boot/boot-linux.js';
import { toCloneReportFromDebian } from '../../debian/probe/to-clone-report.js';
import type { BootResult } from '../types.js';

/** A Linux boot's outcome in the lab's common shape. */
export function toBootResult(outcome: BootLinuxOutcome): BootResult {
  return {
    ...(outcome.report ? { report: toCloneReportFromDebian(outcome.report) } : {}),
    ...(outcome.stop ? { stop: outcome.stop } : {}),
    vm: outcome.vm, consoleLog: outcome.consoleLog, agentLog: outcome.agentLog, macs: outcome.macs,
    ...(outcome.screenshot ? { screenshot: outcome.screenshot } : {}),
    ...(outcome.reportMs === undefined ? {} : { reportMs: outcome.reportMs }),
    ...(outcome.placement ? { placement: outcome.placement } : {}),
    malformedLines: outcome.malformed,
  };
}
