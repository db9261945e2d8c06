import { checkFleetUnique, reportedValue } from './check-fleet-unique.js';
import type { CheckResult, CloneFacts } from './types.js';

/** The fleet-wide identity checks: SIDs, names, MACs, volume serials unique; no clone has the master's SID. */
export function runFleetChecks(fleet: readonly CloneFacts[], masterSid: string | undefined): CheckResult[] {
  const report = (clone: CloneFacts) => clone.report;
  return [
    checkFleetUnique('machine-sid-unique', 'machine SIDs', 'duplicate-machine-sid', 'probe report: machineSid', fleet,
      (clone) => (report(clone)?.machineSid ? [report(clone)?.machineSid as string] : [])),
    checkMasterSid(fleet, masterSid),
    checkFleetUnique('account-sid-unique', 'account SIDs', 'duplicate-account-sid', 'probe report: accountSids', fleet,
      (clone) => report(clone)?.accountSids ?? []),
    checkFleetUnique('computer-name-unique', 'computer names', 'duplicate-computer-name', 'probe report: computerName', fleet,
      (clone) => (report(clone)?.computerName ? [report(clone)?.computerName as string] : [])),
    withAssignedMacs(checkFleetUnique('mac-unique', 'MAC addresses', 'duplicate-mac', 'probe report: NIC effective MAC (override or hardware)', fleet,
      (clone) => report(clone)?.nics.map((nic) => nic.effectiveMac) ?? []), fleet),
    withTargetSerials(checkFleetUnique('volume-serial-unique', 'volume serials', 'duplicate-volume-serial', 'probe report: system volume serial', fleet,
      (clone) => (report(clone)?.volume?.serial ? [report(clone)?.volume?.serial as string] : [])), fleet),
  ];
}

/** Adds the serial each target's boot sector held after apply (host view) beside the guests' view. */
function withTargetSerials(result: CheckResult, fleet: readonly CloneFacts[]): CheckResult {
  const targetSerials = Object.fromEntries(fleet.filter((clone) => clone.volumeSerial).map((clone) => [clone.cloneId, clone.volumeSerial]));
  return { ...result, evidence: { ...result.evidence, targetSerials } };
}

/**
 * Puts the MAC the harness gave each NIC (the VM's argv) beside what the guest reports for it:
 * a NIC without a driver reports no MAC (guestMac null), its assigned MAC shows what it has.
 */
function withAssignedMacs(result: CheckResult, fleet: readonly CloneFacts[]): CheckResult {
  const nics = Object.fromEntries(fleet.map((clone) => {
    const slots = clone.expectedDevices.filter((device) => device.kind === 'nic').map((device) => device.slot);
    return [clone.cloneId, clone.hardwareMacs.map((assignedMac, index) => {
      const reported = clone.report?.nics.find((nic) => nic.slot === slots[index])
        ?? clone.report?.nics.find((nic) => nic.hardwareMac.toLowerCase() === assignedMac.toLowerCase());
      return { slot: slots[index] ?? null, assignedMac, guestMac: reportedValue(reported?.effectiveMac) ?? null, interface: reported?.interface ?? null };
    })];
  }));
  return { ...result, evidence: { ...result.evidence, nics } };
}

function checkMasterSid(fleet: readonly CloneFacts[], masterSid: string | undefined): CheckResult {
  const id = 'master-sid-not-reused';
  // A master or clone that reported no SID ('' or a placeholder) reuses nothing.
  const master = reportedValue(masterSid)?.toLowerCase();
  const reused = fleet.filter((clone) => master !== undefined && reportedValue(clone.report?.machineSid)?.toLowerCase() === master).map((clone) => clone.cloneId);
  const evidence = { source: 'install probe report vs clone probe reports', masterSid, reusedBy: reused };
  if (master === undefined) return { id, scope: 'fleet', status: 'skip', failures: [], summary: 'the master reported no SID', evidence };
  if (reused.length === 0) return { id, scope: 'fleet', status: 'pass', failures: [], summary: `no clone has the master's SID ${masterSid}`, evidence };
  return { id, scope: 'fleet', status: 'fail', failures: ['master-sid-reused'], summary: `${reused.length} clone(s) still have the master's SID ${masterSid}`, evidence };
}
