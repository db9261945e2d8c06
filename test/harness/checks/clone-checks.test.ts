import test from 'ava';
import { runCloneChecks } from '../../../harness/checks/clone-checks.js';
import type { CheckResult } from '../../../harness/checks/types.js';
import { cloneFacts } from '../../fixtures/clone-facts.js';

const byId = (checks: CheckResult[], id: string): CheckResult => {
  const check = checks.find((entry) => entry.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
};

test('a healthy clone passes every check, each with evidence', (t) => {
  const checks = runCloneChecks(cloneFacts());
  t.deepEqual(checks.map((check) => [check.id, check.status]), [
    ['booted', 'pass'], ['devices-started', 'pass'], ['nics-up', 'pass'], ['volume-size', 'pass'], ['no-foreign-sid', 'pass'],
  ]);
  for (const check of checks) t.truthy(check.evidence.source, `${check.id} names its source`);
});

test('STOP 0x7B: the boot check fails, the rest is skipped', (t) => {
  const checks = runCloneChecks(cloneFacts({ stop: 'STOP 0x0000007B INACCESSIBLE_BOOT_DEVICE', report: undefined }));
  t.deepEqual(byId(checks, 'booted').failures, ['stop-0x7b']);
  t.true(checks.filter((check) => check.id !== 'booted').every((check) => check.status === 'skip'));
});

test('problem codes become named failures; a NIC with a device problem is not counted twice', (t) => {
  const facts = cloneFacts({}, {});
  const report = facts.report;
  if (!report) throw new Error('fixture has a report');
  report.devices = [
    { slot: '00:02.0', vendorDevice: '8086:100e', recordedDriver: 'e1000', status: 'problem', problem: 24 },
    { slot: '00:03.0', vendorDevice: '8086:100e', status: 'problem', problem: 28 },
    ...report.devices.slice(1),
  ];
  facts.expectedDevices = [{ kind: 'nic', qemu: 'e1000', slot: '00:03.0', vendorDevice: '8086:100e' }, ...facts.expectedDevices.slice(1)];
  report.nics = [];
  const checks = runCloneChecks(facts);
  t.deepEqual(byId(checks, 'devices-started').failures.sort(), ['problem-24', 'problem-28']);
  t.regex(byId(checks, 'devices-started').summary, /00:02\.0 8086:100e problem 24 \(e1000\)/);
  t.is(byId(checks, 'nics-up').status, 'pass');
  t.regex(byId(checks, 'nics-up').summary, /left to the device check/);
});

test('a device of the model that the guest does not report is missing', (t) => {
  const facts = cloneFacts();
  facts.report?.devices.pop();
  t.deepEqual(byId(runCloneChecks(facts), 'devices-started').failures, ['device-missing']);
});

test('a NIC that is down, or that uses another MAC without an override, fails', (t) => {
  const down = cloneFacts();
  if (down.report?.nics[0]) down.report.nics[0].up = false;
  t.deepEqual(byId(runCloneChecks(down), 'nics-up').failures, ['nic-down']);
  const wrong = cloneFacts();
  if (wrong.report?.nics[0]) wrong.report.nics[0].effectiveMac = '02:99:99:99:99:99';
  t.deepEqual(byId(runCloneChecks(wrong), 'nics-up').failures, ['nic-mac-mismatch']);
  const pinned = cloneFacts();
  if (pinned.report?.nics[0]) Object.assign(pinned.report.nics[0], { effectiveMac: '02:99:99:99:99:99', overrideMac: '02:99:99:99:99:99' });
  t.is(byId(runCloneChecks(pinned), 'nics-up').status, 'pass', 'an override is what the registry asked for');
});

test('a volume that did not grow with its partition fails the size check', (t) => {
  const facts = cloneFacts({ partitionBytes: 383 * 1024 ** 2 });
  const check = byId(runCloneChecks(facts), 'volume-size');
  t.deepEqual(check.failures, ['volume-size-mismatch']);
  t.regex(check.summary, /251\.0 MiB but its partition 383\.0 MiB/);
});

test('a descriptor naming another machine SID is foreign; well-known SIDs are not', (t) => {
  const facts = cloneFacts({}, { descriptors: [{ path: 'users/User', ownerSid: 'S-1-5-21-9-9-9-1000' }, { path: 'system', ownerSid: 'S-1-5-18' }] });
  const check = byId(runCloneChecks(facts), 'no-foreign-sid');
  t.deepEqual(check.failures, ['foreign-sid-descriptor']);
  t.regex(check.summary, /users\/User → S-1-5-21-9-9-9-1000/);
});

test('user files: kept or lost', (t) => {
  const kept = cloneFacts({ userFiles: { expected: { 'a.txt': 'x' }, found: { 'a.txt': 'x' } } });
  t.is(byId(runCloneChecks(kept), 'user-files-kept').status, 'pass');
  const lost = cloneFacts({ userFiles: { expected: { 'a.txt': 'x', 'b.txt': 'y' }, found: { 'a.txt': null, 'b.txt': 'y' } } });
  t.deepEqual(byId(runCloneChecks(lost), 'user-files-kept').failures, ['user-files-lost']);
});

test('a refused apply is one failed check', (t) => {
  const checks = runCloneChecks(cloneFacts({ applyRefused: 'target too small', report: undefined }));
  t.deepEqual(checks.map((check) => [check.id, check.failures]), [['applied', ['apply-refused']]]);
});

test('a card replaced in the same slot: the gone one is 24, the new one 28, nothing missing', (t) => {
  const facts = cloneFacts();
  facts.expectedDevices = facts.expectedDevices.map((device) => (device.kind === 'video' ? { ...device, qemu: 'cirrus-vga', vendorDevice: '1013:00b8' } : device));
  if (!facts.report) throw new Error('fixture has a report');
  facts.report.devices = facts.report.devices.flatMap((device) => (device.slot === '00:04.0'
    ? [{ ...device, status: 'problem' as const, problem: 24 }, { slot: '00:04.0', vendorDevice: '1013:00b8', status: 'problem' as const, problem: 28 }]
    : [device]));
  t.deepEqual(byId(runCloneChecks(facts), 'devices-started').failures.sort(), ['problem-24', 'problem-28']);
});

test('a stop that names its failure (a Linux boot): booted fails with that name and the stop text; the rest is skipped', (t) => {
  const checks = runCloneChecks(cloneFacts({ stop: 'ALERT!  UUID=3d2c1b0a does not exist.  Dropping to a shell!', stopFailure: 'stop-0x7b', report: undefined }));
  t.deepEqual(byId(checks, 'booted').failures, ['stop-0x7b']);
  t.is(byId(checks, 'booted').summary, 'ALERT!  UUID=3d2c1b0a does not exist.  Dropping to a shell!');
  t.true(checks.filter((check) => check.id !== 'booted').every((check) => check.status === 'skip'));
  // The named failure wins over what the text alone would say; without a text the name is the summary.
  t.deepEqual(byId(runCloneChecks(cloneFacts({ stop: 'STOP 0x0000007B', stopFailure: 'kernel-panic', report: undefined })), 'booted').failures, ['kernel-panic']);
  const bare = byId(runCloneChecks(cloneFacts({ stopFailure: 'emergency-mode', report: undefined })), 'booted');
  t.deepEqual(bare.failures, ['emergency-mode']);
  t.is(bare.summary, 'emergency-mode');
});

test('a Linux clone\'s report: root-uuids and units-ok join the checks', (t) => {
  const facts = cloneFacts({}, { root: { device: '/dev/sda2', fstabUuids: ['a'], presentUuids: ['b'] }, failedUnits: ['ssh.service'] });
  const checks = runCloneChecks(facts);
  t.deepEqual(byId(checks, 'root-uuids').failures, ['stale-root-uuid']);
  t.deepEqual(byId(checks, 'units-ok').failures, ['failed-units']);
  t.is(byId(checks, 'booted').status, 'pass');
});
