import test from 'ava';
import { runFleetChecks } from '../../../harness/checks/fleet-checks.js';
import { cloneFacts } from '../../fixtures/clone-facts.js';

test('a fleet of distinct clones passes every identity check', (t) => {
  const checks = runFleetChecks([cloneFacts(), cloneFacts(), cloneFacts()], 'S-1-5-21-1-1-1');
  t.deepEqual(checks.map((check) => [check.id, check.status]), [
    ['machine-sid-unique', 'pass'], ['master-sid-not-reused', 'pass'], ['account-sid-unique', 'pass'],
    ['computer-name-unique', 'pass'], ['mac-unique', 'pass'], ['volume-serial-unique', 'pass'],
  ]);
});

test('clones of a master that was not generalized: duplicates named with their clones and values', (t) => {
  const master = cloneFacts();
  const clone = (): ReturnType<typeof cloneFacts> => cloneFacts({}, { machineSid: master.report?.machineSid, computerName: master.report?.computerName, accountSids: master.report?.accountSids });
  const fleet = [clone(), clone()];
  const checks = Object.fromEntries(runFleetChecks(fleet, master.report?.machineSid).map((check) => [check.id, check]));
  t.deepEqual(checks['machine-sid-unique']?.failures, ['duplicate-machine-sid']);
  t.deepEqual(checks['master-sid-not-reused']?.failures, ['master-sid-reused']);
  t.deepEqual(checks['account-sid-unique']?.failures, ['duplicate-account-sid']);
  t.deepEqual(checks['computer-name-unique']?.failures, ['duplicate-computer-name']);
  t.is(checks['mac-unique']?.status, 'pass');
  const duplicates = checks['machine-sid-unique']?.evidence.duplicates as { value: string; clones: string[] }[];
  t.deepEqual(duplicates[0]?.clones, fleet.map((entry) => entry.cloneId));
  t.is(duplicates[0]?.value, master.report?.machineSid);
});

test('pinned MACs and copied volume serials are duplicates', (t) => {
  const pinned = (serial: string) => {
    const facts = cloneFacts();
    if (facts.report?.nics[0]) facts.report.nics[0].effectiveMac = '02:00:00:c1:04:e1';
    if (facts.report?.volume) facts.report.volume.serial = serial;
    return facts;
  };
  const checks = Object.fromEntries(runFleetChecks([pinned('1234ABCD'), pinned('1234ABCD')], undefined).map((check) => [check.id, check]));
  t.deepEqual(checks['mac-unique']?.failures, ['duplicate-mac']);
  t.deepEqual(checks['volume-serial-unique']?.failures, ['duplicate-volume-serial']);
  t.is(checks['master-sid-not-reused']?.status, 'skip');
});

test('clones that did not report are left out and named; one reporting clone is not a fleet', (t) => {
  const checks = runFleetChecks([cloneFacts(), cloneFacts({ report: undefined, stop: 'STOP 0x0000007B' })], undefined);
  const sid = checks.find((check) => check.id === 'machine-sid-unique');
  t.is(sid?.status, 'skip');
  t.is((sid?.evidence.notReporting as string[]).length, 1);
});
