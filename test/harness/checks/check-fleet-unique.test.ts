import test from 'ava';
import { checkFleetUnique, reportedValue } from '../../../harness/checks/check-fleet-unique.js';
import type { CheckResult, CloneFacts } from '../../../harness/checks/types.js';
import { cloneFacts, referenceFleetChecks, referenceIdentity } from '../../fixtures/clone-facts.js';

const byId = (checks: CheckResult[]): Record<string, CheckResult> => Object.fromEntries(checks.map((check) => [check.id, check]));

/** A clone whose NIC has no driver bound: the guest reports no interface and no MAC (toCloneReport turns null into ''). */
function driverless(): CloneFacts {
  const facts = cloneFacts();
  const nic = facts.report?.nics[0];
  if (nic) Object.assign(nic, { hardwareMac: '', effectiveMac: '', up: false, interface: undefined });
  return facts;
}

test('a value that was not reported is no value: empty, whitespace, null and placeholders', (t) => {
  for (const missing of [undefined, null, '', '   ', '\t\n', 'unknown', 'UNKNOWN', ' Unknown ', 'none', 'n/a', 'N/A', '-', '?', 'null', 'undefined']) {
    t.is(reportedValue(missing), undefined, JSON.stringify(missing));
  }
  t.is(reportedValue(' 52:54:00:12:34:56\n'), '52:54:00:12:34:56');
  t.is(reportedValue('00000000'), '00000000', 'a zero serial is a value: two volumes can share it');
});

test('driverless NICs report no MAC: "not reporting", not duplicates of each other; the assigned MACs are the evidence', (t) => {
  const fleet = [driverless(), driverless(), driverless()];
  const mac = byId(referenceFleetChecks(fleet, undefined))['mac-unique'];
  t.is(mac?.status, 'skip');
  t.deepEqual(mac?.failures, []);
  t.deepEqual(mac?.evidence.notReporting, fleet.map((clone) => clone.cloneId));
  t.deepEqual(mac?.evidence.duplicates, []);
  t.regex(mac?.summary ?? '', /not reported by 3 clone\(s\)/);
  const nics = mac?.evidence.nics as Record<string, { slot: string; assignedMac: string; guestMac: string | null; interface: string | null }[]>;
  for (const clone of fleet) {
    t.deepEqual(nics[clone.cloneId], [{ slot: '00:02.0', assignedMac: clone.hardwareMacs[0] as string, guestMac: null, interface: null }]);
  }
});

test('reporting clones are still compared when others do not report', (t) => {
  const healthy = [cloneFacts(), cloneFacts()];
  const mac = byId(referenceFleetChecks([...healthy, driverless(), driverless()], undefined))['mac-unique'];
  t.is(mac?.status, 'pass');
  t.regex(mac?.summary ?? '', /^2 distinct MAC addresses across 2 clones; not reported by 2 clone\(s\)/);
  const nics = mac?.evidence.nics as Record<string, { assignedMac: string; guestMac: string | null }[]>;
  t.deepEqual(nics[healthy[0]?.cloneId as string]?.map((nic) => [nic.assignedMac, nic.guestMac]), [[healthy[0]?.hardwareMacs[0], healthy[0]?.hardwareMacs[0]]]);
  // A real duplicate among reporting clones still fails, next to clones that do not report.
  const pinned = [cloneFacts(), cloneFacts()];
  for (const facts of pinned) if (facts.report?.nics[0]) facts.report.nics[0].effectiveMac = '02:00:00:c1:04:e1';
  const dup = byId(referenceFleetChecks([...pinned, driverless()], undefined))['mac-unique'];
  t.deepEqual(dup?.failures, ['duplicate-mac']);
  t.deepEqual(dup?.evidence.duplicates, [{ value: '02:00:00:c1:04:e1', clones: pinned.map((clone) => clone.cloneId) }]);
});

test('every identity check: blank or placeholder SIDs, account SIDs, names and serials are not duplicates', (t) => {
  for (const blank of ['', '  ', 'unknown', 'None']) {
    const fleet = [0, 1, 2].map(() => {
      const facts = driverless();
      const report = facts.report as NonNullable<CloneFacts['report']>;
      report.identity = referenceIdentity({ machineSid: blank, computerName: blank, accountSids: [blank, blank], serial: blank });
      return facts;
    });
    const checks = referenceFleetChecks(fleet, blank);
    t.deepEqual(checks.filter((check) => check.status !== 'skip').map((check) => check.id), [], `blank ${JSON.stringify(blank)}`);
    t.deepEqual(checks.flatMap((check) => check.failures), []);
    for (const check of checks.filter((entry) => entry.id !== 'master-sid-not-reused')) {
      t.deepEqual(check.evidence.notReporting, fleet.map((clone) => clone.cloneId), `${check.id} with ${JSON.stringify(blank)}`);
    }
  }
});

test('values are trimmed and compared without case: the same SID, name or MAC written differently is a duplicate', (t) => {
  const fleet = [cloneFacts({}, { computerName: 'CL-PC1' }), cloneFacts({}, { computerName: ' cl-pc1\n' })];
  const name = byId(referenceFleetChecks(fleet, undefined))['computer-name-unique'];
  t.deepEqual(name?.failures, ['duplicate-computer-name']);
  t.deepEqual(name?.evidence.duplicates, [{ value: 'CL-PC1', clones: fleet.map((clone) => clone.cloneId) }]);
  const macs = checkFleetUnique('mac-unique', 'MAC addresses', 'duplicate-mac', 'test', fleet, (clone) => [clone === fleet[0] ? '52:54:00:AB:CD:EF' : '52:54:00:ab:cd:ef']);
  t.is(macs.status, 'fail');
});

test('a clone with two NICs, one without a driver, reports one MAC and is named for the other', (t) => {
  const [a, b] = [cloneFacts(), cloneFacts()];
  const check = checkFleetUnique('mac-unique', 'MAC addresses', 'duplicate-mac', 'test', [a, b] as CloneFacts[], (clone) => (clone === a ? ['02:00:00:00:10:01', ''] : ['02:00:00:00:10:02', null]));
  t.is(check.status, 'pass');
  t.deepEqual(check.evidence.unreported, { [a?.cloneId as string]: [''], [b?.cloneId as string]: [null] });
  t.deepEqual(check.evidence.notReporting, []);
});

test('the master SID check ignores a blank clone SID and a blank master SID', (t) => {
  const blank = cloneFacts({}, { machineSid: '' });
  t.is(byId(referenceFleetChecks([blank, cloneFacts()], ''))['master-sid-not-reused']?.status, 'skip');
  t.is(byId(referenceFleetChecks([blank, cloneFacts()], 'S-1-5-21-9-9-9'))['master-sid-not-reused']?.status, 'pass');
  const copy = cloneFacts({}, { machineSid: 'S-1-5-21-9-9-9' });
  t.deepEqual(byId(referenceFleetChecks([blank, copy], 'S-1-5-21-9-9-9'))['master-sid-not-reused']?.evidence.reusedBy, [copy.cloneId]);
});
