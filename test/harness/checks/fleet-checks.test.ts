import test from 'ava';
import { runFleetChecks } from '../../../harness/checks/fleet-checks.js';
import { pickIdentity } from '../../../harness/probe/identity.js';
import { cloneFacts, referenceFleetChecks, setIdentity } from '../../fixtures/clone-facts.js';

test('a fleet of distinct clones passes every identity check', (t) => {
  const checks = referenceFleetChecks([cloneFacts(), cloneFacts(), cloneFacts()], 'S-1-5-21-1-1-1');
  t.deepEqual(checks.map((check) => [check.id, check.status]), [
    ['machine-sid-unique', 'pass'], ['account-sid-unique', 'pass'], ['computer-name-unique', 'pass'], ['volume-serial-unique', 'pass'],
    ['master-sid-not-reused', 'pass'], ['mac-unique', 'pass'],
  ]);
});

test('clones of a master that was not generalized: duplicates named with their clones and values', (t) => {
  const master = cloneFacts();
  const masterSid = pickIdentity(master.report?.identity, 'machine-sid')[0];
  const clone = (): ReturnType<typeof cloneFacts> => cloneFacts({}, { identity: master.report?.identity.filter((item) => item.kind !== 'volume-serial') ?? [] });
  const fleet = [clone(), clone()];
  const checks = Object.fromEntries(referenceFleetChecks(fleet, masterSid).map((check) => [check.id, check]));
  t.deepEqual(checks['machine-sid-unique']?.failures, ['duplicate-machine-sid']);
  t.deepEqual(checks['master-sid-not-reused']?.failures, ['master-sid-reused']);
  t.deepEqual(checks['account-sid-unique']?.failures, ['duplicate-account-sid']);
  t.deepEqual(checks['computer-name-unique']?.failures, ['duplicate-computer-name']);
  t.is(checks['mac-unique']?.status, 'pass');
  const duplicates = checks['machine-sid-unique']?.evidence.duplicates as { value: string; clones: string[] }[];
  t.deepEqual(duplicates[0]?.clones, fleet.map((entry) => entry.cloneId));
  t.is(duplicates[0]?.value, masterSid);
});

test('pinned MACs and copied volume serials are duplicates', (t) => {
  const pinned = (serial: string) => {
    const facts = cloneFacts();
    if (facts.report?.nics[0]) facts.report.nics[0].effectiveMac = '02:00:00:c1:04:e1';
    return setIdentity(facts, 'volume-serial', [serial]);
  };
  const checks = Object.fromEntries(referenceFleetChecks([pinned('1234ABCD'), pinned('1234ABCD')], undefined).map((check) => [check.id, check]));
  t.deepEqual(checks['mac-unique']?.failures, ['duplicate-mac']);
  t.deepEqual(checks['volume-serial-unique']?.failures, ['duplicate-volume-serial']);
  t.is(checks['master-sid-not-reused']?.status, 'skip');
});

test('clones that did not report are left out and named; one reporting clone is not a fleet', (t) => {
  const checks = referenceFleetChecks([cloneFacts(), cloneFacts({ report: undefined, stop: 'STOP 0x0000007B' })], undefined);
  const sid = checks.find((check) => check.id === 'machine-sid-unique');
  t.is(sid?.status, 'skip');
  t.is((sid?.evidence.notReporting as string[]).length, 1);
});

test('a Linux guest: its own identity items are checked, and its machine-id must not be the master\'s', (t) => {
  const linux = (machineId: string, hostname: string) => cloneFacts({}, { identity: [{ kind: 'machine-id', value: machineId }, { kind: 'hostname', value: hostname }, { kind: 'ssh-host-key', value: 'SHA256:same' }] });
  const fleet = [linux('a'.repeat(32), 'debian-1'), linux('a'.repeat(32), 'debian-2')];
  const checks = Object.fromEntries(runFleetChecks(fleet, { kinds: ['machine-id', 'hostname', 'ssh-host-key'], master: { kind: 'machine-id', value: 'a'.repeat(32) } }).map((check) => [check.id, check]));
  t.deepEqual(Object.keys(checks), ['machine-id-unique', 'hostname-unique', 'ssh-host-key-unique', 'master-machine-id-not-reused', 'mac-unique']);
  t.deepEqual(checks['machine-id-unique']?.failures, ['duplicate-machine-id']);
  t.is(checks['hostname-unique']?.status, 'pass');
  t.deepEqual(checks['ssh-host-key-unique']?.failures, ['duplicate-ssh-host-key']);
  t.deepEqual(checks['master-machine-id-not-reused']?.failures, ['master-machine-id-reused']);
});

test('a Linux fleet: sector clones share the root filesystem UUID; a clone\'s uninitialized or blank machine-id is not the master\'s', (t) => {
  const linux = (machineId: string, uuid: string) => cloneFacts({}, { identity: [{ kind: 'machine-id', value: machineId }, { kind: 'hostname', value: `h-${machineId.slice(0, 4)}` }, { kind: 'filesystem-uuid', value: uuid }] });
  const fleet = [linux('1'.repeat(32), 'AAAA-uuid'), linux('2'.repeat(32), 'aaaa-UUID'), linux('unknown', 'bbbb')];
  const checks = Object.fromEntries(runFleetChecks(fleet, { kinds: ['machine-id', 'hostname', 'filesystem-uuid'], master: { kind: 'machine-id', value: 'unknown' } }).map((check) => [check.id, check]));
  t.deepEqual(checks['filesystem-uuid-unique']?.failures, ['duplicate-filesystem-uuid']);
  t.is(checks['machine-id-unique']?.status, 'pass');
  t.is(checks['master-machine-id-not-reused']?.status, 'skip', 'a master that reported a placeholder reuses nothing');
  t.regex(checks['master-machine-id-not-reused']?.summary ?? '', /the master reported no machine-id/);
});

test('the master\'s machine-id is compared without case; a master identity of another kind is no master for machine-id', (t) => {
  const id = 'ABCDEF0123456789abcdef0123456789';
  const fleet = [cloneFacts({}, { identity: [{ kind: 'machine-id', value: id.toLowerCase() }] }), cloneFacts({}, { identity: [{ kind: 'machine-id', value: '9'.repeat(32) }] })];
  const reused = runFleetChecks(fleet, { kinds: ['machine-id'], master: { kind: 'machine-id', value: id } }).find((check) => check.id === 'master-machine-id-not-reused');
  t.deepEqual(reused?.failures, ['master-machine-id-reused']);
  t.deepEqual(reused?.evidence.reusedBy, [fleet[0]?.cloneId]);
  t.is(reused?.evidence.master, id);
  const other = runFleetChecks(fleet, { kinds: ['machine-id'], master: { kind: 'machine-sid', value: 'S-1-5-21-1-2-3' } }).find((check) => check.id === 'master-machine-id-not-reused');
  t.is(other?.status, 'skip');
  // A Linux fleet has no SID checks at all.
  t.false(runFleetChecks(fleet, { kinds: ['machine-id'] }).some((check) => check.id.includes('sid')));
});
