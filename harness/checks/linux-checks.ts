import type { CloneReport } from '../probe/clone-report.js';
import type { CheckResult } from './types.js';

type Make = (id: string, status: CheckResult['status'], failures: CheckResult['failures'], summary: string, evidence: Record<string, unknown>) => CheckResult;

/**
 * The checks of a Linux guest's own facts: every UUID /etc/fstab names is present on the clone
 * (a file clone onto a new filesystem leaves them stale), and no systemd unit failed. None for a
 * guest that reports neither (the reference guest has no fstab and no units).
 */
export function runLinuxChecks(report: CloneReport, result: Make): CheckResult[] {
  if (!report.root && !report.failedUnits) return [];
  return [checkRootUuids(report, result), checkUnits(report, result)];
}

function checkRootUuids(report: CloneReport, result: Make): CheckResult {
  const root = report.root;
  if (!root) return result('root-uuids', 'skip', [], 'this guest reports no root filesystem facts', { source: 'probe report' });
  const present = new Set(root.presentUuids.map((uuid) => uuid.toLowerCase()));
  const stale = root.fstabUuids.filter((uuid) => !present.has(uuid.toLowerCase()));
  const evidence = { source: 'probe report: /etc/fstab vs /dev/disk/by-uuid', ...root, stale };
  if (stale.length > 0) return result('root-uuids', 'fail', ['stale-root-uuid'], `/etc/fstab names ${stale.length} filesystem(s) this clone does not have: ${stale.join(', ')}`, evidence);
  return result('root-uuids', 'pass', [], `all ${root.fstabUuids.length} UUIDs /etc/fstab names are present (root ${root.uuid ?? '?'} on ${root.device})`, evidence);
}

function checkUnits(report: CloneReport, result: Make): CheckResult {
  if (!report.failedUnits) return result('units-ok', 'skip', [], 'this guest reports no units', { source: 'probe report' });
  const failed = report.failedUnits;
  return result('units-ok', failed.length > 0 ? 'fail' : 'pass', failed.length > 0 ? ['failed-units'] : [],
    failed.length > 0 ? `${failed.length} unit(s) failed: ${failed.slice(0, 8).join(', ')}` : 'no systemd unit failed', { source: 'probe report: systemctl --failed', failed });
}
