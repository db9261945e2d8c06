import test from 'ava';
import { MAX_DEBIAN_LINE_CHARS, MAX_DEBIAN_LINES, parseDebianProbeLines } from '../../../../harness/debian/probe/parse-probe-lines.js';
import { goodLines, ids, movedNicLines } from './samples.js';

test('a whole report is assembled from its lines', (t) => {
  const { report, malformed } = parseDebianProbeLines(goodLines);
  t.deepEqual(malformed, []);
  t.is(report?.setup, 'install');
  t.is(report?.kernel, '6.1.0-41-amd64');
  t.is(report?.machineId, ids.machineId);
  t.deepEqual(report?.sshHostKeys, [ids.ed25519, ids.rsa]);
  t.is(report?.devices.length, 4);
  t.is(report?.nics[0]?.interface, 'enp0s3');
  t.is(report?.root?.uuid, ids.root);
  t.deepEqual(report?.root?.fstabUuids, [ids.root, ids.esp]);
  t.deepEqual(report?.failedUnits, []);
  t.is(report?.timings?.multiUser, 21.37);
  t.true(report?.complete);
});

test('failed unit names keep their systemd escapes', (t) => {
  const { report, malformed } = parseDebianProbeLines(movedNicLines);
  t.deepEqual(malformed, []);
  t.true(report?.failedUnits?.includes('dev-disk-by\\x2duuid-1A2B\\x2d3C4D.device'));
  t.deepEqual(report?.firstBootSteps, ['ssh-host-keys', 'hostname']);
  t.is(report?.root?.uuid, null);
});

test('a report without its end line is not complete', (t) => {
  const { report } = parseDebianProbeLines(goodLines.slice(0, 5));
  t.is(report?.devices.length, 3);
  t.false(report?.complete);
});

test('hostile lines are kept as evidence and never throw: huge, broken, control characters, wrong types', (t) => {
  const huge = `{"v":1,"t":"units","failed":["${'x'.repeat(MAX_DEBIAN_LINE_CHARS)}"]}`;
  const lines = [
    huge,
    '{"v":1,"t":"identity","machineId":"5f0c1a9b',
    '\u0000\u001b[31m{"v":1,"t":"end"}',
    '{"v":1,"t":"nic","slot":"00:03.0","interface":"enp0s3;rm -rf /","hardwareMac":null,"mac":null,"operstate":null,"up":true,"address":true}',
    '{"v":2,"t":"end"}',
    '{"v":1,"t":"begin","setup":"mini-setup","setupErrors":[],"firstBootSteps":[],"kernel":null}',
    '{"v":1,"t":"units","failed":["a"],"extra":1}',
    '{"v":1,"t":"identity","machineId":"uninitialized","hostname":null,"staticHostname":null,"sshHostKeys":[]}',
    '[1,2,3]',
    'null',
  ];
  const { report, malformed } = parseDebianProbeLines(lines);
  t.is(report, undefined);
  t.is(malformed.length, lines.length);
  t.regex(malformed[0]?.reason ?? '', /oversized/);
  t.true((malformed[0]?.line.length ?? 0) <= 257);
  t.regex(malformed[1]?.reason ?? '', /not JSON/);
  t.regex(malformed[2]?.reason ?? '', /not JSON/);
});

test('a repeated once-per-boot line is evidence; the first one counts', (t) => {
  const second = goodLines[1]?.replace(ids.machineId, 'ffffffffffffffffffffffffffffffff') ?? '';
  const { report, malformed } = parseDebianProbeLines([...goodLines, second]);
  t.is(report?.machineId, ids.machineId);
  t.is(malformed.length, 1);
  t.regex(malformed[0]?.reason ?? '', /repeated "identity"/);
});

test('an endless stream is read only up to its bound', (t) => {
  const flood = Array.from({ length: MAX_DEBIAN_LINES + 500 }, () => goodLines[2] ?? '');
  const { report, malformed } = parseDebianProbeLines(flood);
  t.true((report?.devices.length ?? 0) <= 256);
  t.regex(malformed.at(-1)?.reason ?? '', /too many lines/);
});

test('carriage returns from the serial line are dropped', (t) => {
  const { report, malformed } = parseDebianProbeLines(goodLines.map((line) => `${line}\r`));
  t.deepEqual(malformed, []);
  t.true(report?.complete);
});
