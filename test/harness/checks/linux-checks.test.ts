import test from 'ava';
import { runLinuxChecks } from '../../../harness/checks/linux-checks.js';
import type { CheckResult } from '../../../harness/checks/types.js';
import type { CloneReport } from '../../../harness/probe/clone-report.js';
import { cloneFacts } from '../../fixtures/clone-facts.js';

const make = (id: string, status: CheckResult['status'], failures: CheckResult['failures'], summary: string, evidence: Record<string, unknown>): CheckResult =>
  ({ id, scope: 'clone', cloneId: 'c#1', status, failures, summary, evidence });
const report = (fields: Partial<CloneReport>): CloneReport => {
  const base = cloneFacts().report;
  if (!base) throw new Error('fixture has a report');
  return { ...base, ...fields };
};
const ROOT = '3d2c1b0a-1111-4222-8333-444455556666';
const ESP = 'ABCD-1234';

test('a guest without root facts or units (the reference guest): no Linux checks', (t) => {
  t.deepEqual(runLinuxChecks(report({}), make), []);
});

test('fstab UUIDs all present (case aside) and no failed unit: both pass', (t) => {
  const checks = runLinuxChecks(report({ root: { device: '/dev/sda2', uuid: ROOT, fstabUuids: [ROOT.toUpperCase(), ESP], presentUuids: [ESP.toLowerCase(), ROOT] }, failedUnits: [] }), make);
  t.deepEqual(checks.map((check) => [check.id, check.status]), [['root-uuids', 'pass'], ['units-ok', 'pass']]);
  t.regex(checks[0]?.summary ?? '', /all 2 UUIDs .*root 3d2c1b0a.* on \/dev\/sda2/);
  t.deepEqual(checks[0]?.evidence.stale, []);
});

test('a file clone\'s new filesystem: fstab names a UUID the clone lacks → stale-root-uuid, named', (t) => {
  const [root] = runLinuxChecks(report({ root: { device: '/dev/sda2', uuid: 'ffffffff-0000-4000-8000-000000000000', fstabUuids: [ROOT, ESP], presentUuids: [ESP, 'ffffffff-0000-4000-8000-000000000000'] }, failedUnits: [] }), make);
  t.is(root?.status, 'fail');
  t.deepEqual(root?.failures, ['stale-root-uuid']);
  t.regex(root?.summary ?? '', new RegExp(`names 1 filesystem\\(s\\) this clone does not have: ${ROOT}`));
  t.deepEqual(root?.evidence.stale, [ROOT]);
});

test('failed units fail units-ok, named (at most 8 in the summary, all in the evidence)', (t) => {
  const failed = Array.from({ length: 10 }, (_, index) => `unit-${index}.service`);
  const checks = runLinuxChecks(report({ failedUnits: failed }), make);
  t.deepEqual(checks.map((check) => [check.id, check.status]), [['root-uuids', 'skip'], ['units-ok', 'fail']]);
  t.deepEqual(checks[1]?.failures, ['failed-units']);
  t.regex(checks[1]?.summary ?? '', /^10 unit\(s\) failed: unit-0\.service, .*unit-7\.service$/);
  t.deepEqual(checks[1]?.evidence.failed, failed);
});

test('root facts without a unit list: units-ok skipped', (t) => {
  const checks = runLinuxChecks(report({ root: { device: '/dev/vda1', fstabUuids: [], presentUuids: [] } }), make);
  t.deepEqual(checks.map((check) => [check.id, check.status]), [['root-uuids', 'pass'], ['units-ok', 'skip']]);
});
