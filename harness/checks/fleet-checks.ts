import { identityLabels, pickIdentity, type IdentityItem, type IdentityKind } from '../probe/identity.js';
import type { FailureName } from '../spec/failure-names.js';
import { checkFleetUnique, reportedValue } from './check-fleet-unique.js';
import type { CheckResult, CloneFacts } from './types.js';

/** What the fleet checks need besides the clones: the profile's identity items and the master's own identity. */
export interface FleetCheckInput {
  /** The identity items the guest profile declares (each gets a uniqueness check). */
  kinds: readonly IdentityKind[];
  /** The master's machine identity (SID or machine-id) from its install report, when it gave one. */
  master?: IdentityItem;
}

// Check ids and failure names per kind: `<kind>-unique` / `duplicate-<kind>`. The machine's own
// identity also must not be the master's (the SID's check keeps its historical name).
const MASTER_CHECKS: Partial<Record<IdentityKind, { id: string; failure: FailureName }>> = {
  'machine-sid': { id: 'master-sid-not-reused', failure: 'master-sid-reused' },
  'machine-id': { id: 'master-machine-id-not-reused', failure: 'master-machine-id-reused' },
};

/**
 * The fleet-wide identity checks: each identity item the profile declares unique across the
 * fleet, MACs unique, and no clone keeps the master's machine identity.
 */
export function runFleetChecks(fleet: readonly CloneFacts[], input: FleetCheckInput): CheckResult[] {
  const items = input.kinds.map((kind) => {
    const result = checkFleetUnique(`${kind}-unique`, identityLabels[kind], `duplicate-${kind}` as FailureName, `probe report: identity ${kind}`, fleet,
      (clone) => pickIdentity(clone.report?.identity, kind));
    return kind === 'volume-serial' ? withTargetSerials(result, fleet) : result;
  });
  const masters = input.kinds.flatMap((kind) => {
    const names = MASTER_CHECKS[kind];
    return names ? [checkMasterIdentity(fleet, kind, names, input.master?.kind === kind ? input.master.value : undefined)] : [];
  });
  return [
    ...items,
    ...masters,
    withAssignedMacs(checkFleetUnique('mac-unique', 'MAC addresses', 'duplicate-mac', 'probe report: NIC effective MAC (override or hardware)', fleet,
      (clone) => clone.report?.nics.map((nic) => nic.effectiveMac) ?? []), fleet),
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

function checkMasterIdentity(fleet: readonly CloneFacts[], kind: IdentityKind, names: { id: string; failure: FailureName }, masterValue: string | undefined): CheckResult {
  const { id, failure } = names;
  const label = kind === 'machine-sid' ? 'SID' : kind;
  // A master or clone that reported none ('' or a placeholder) reuses nothing.
  const master = reportedValue(masterValue)?.toLowerCase();
  const reused = fleet.filter((clone) => master !== undefined && pickIdentity(clone.report?.identity, kind).some((value) => reportedValue(value)?.toLowerCase() === master)).map((clone) => clone.cloneId);
  const evidence = { source: 'install probe report vs clone probe reports', kind, ...(kind === 'machine-sid' ? { masterSid: masterValue } : { master: masterValue }), reusedBy: reused };
  if (master === undefined) return { id, scope: 'fleet', status: 'skip', failures: [], summary: `the master reported no ${label}`, evidence };
  if (reused.length === 0) return { id, scope: 'fleet', status: 'pass', failures: [], summary: `no clone has the master's ${label} ${masterValue}`, evidence };
  return { id, scope: 'fleet', status: 'fail', failures: [failure], summary: `${reused.length} clone(s) still have the master's ${label} ${masterValue}`, evidence };
}
