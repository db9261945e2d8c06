// guest/debian/probe.sh run for real under /bin/sh (dash on Debian, as in the guest) on this host:
// whatever the host's /sys, /proc and /etc hold, every line it prints must pass the schema.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { parseDebianProbeLines } from '../../../../harness/debian/probe/parse-probe-lines.js';

const PROBE = 'guest/debian/probe.sh';

test('the probe script prints a whole report that passes the schema, on the channel and on stdout alike', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'clonelab-debian-probe-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const channel = path.join(dir, 'com2');
  const result = await execa('/bin/sh', [PROBE, channel], { env: { CLONELAB_NET_WAIT: '0' }, reject: false });
  t.is(result.exitCode, 0, result.stderr);
  const lines = readFileSync(channel, 'utf8').split('\n');
  const { report, malformed } = parseDebianProbeLines(lines);
  t.deepEqual(malformed, []);
  t.true(report?.complete);
  t.not(report?.setup, null);
  t.not(report?.root, null);
  t.deepEqual(result.stdout.split('\n'), lines.filter((line) => line !== ''));
});

/** Runs the script's own jstr function on VALUE and returns the JSON line it makes. */
async function runJstr(value: string): Promise<string> {
  const jstr = /^jstr\(\) \{[\s\S]*?^\}$/m.exec(readFileSync(PROBE, 'utf8'))?.[0];
  if (!jstr) throw new Error(`no jstr function in ${PROBE}`);
  const { stdout } = await execa('/bin/sh', ['-c', `${jstr}\njstr J "$1" 40; printf '{"x":%s}\\n' "$J"`, 'sh', value]);
  return stdout;
}

test('jstr makes any value a bounded JSON string: quotes, backslashes, control characters, non-ASCII, shell syntax', async (t) => {
  const cases: [string, string | null][] = [
    ['enp0s3', 'enp0s3'],
    ['a"b\\c', 'a"b\\c'],
    ['tab\there\nnl\u001b[31m', 'tab?here?nl?[31m'],
    ['héllo', 'h??llo'],
    ['$(reboot) `reboot`', '$(reboot) `reboot`'],
    ['x'.repeat(500), 'x'.repeat(40)],
    ['', null],
  ];
  for (const [value, expected] of cases) {
    const line = await runJstr(value);
    t.deepEqual((JSON.parse(line) as { x: string | null }).x, expected, `for ${JSON.stringify(value)}`);
  }
});
