import test from 'ava';
import type { BootLinuxOutcome } from '../../../../harness/debian/boot/boot-linux.js';
import { parseDebianProbeLines } from '../../../../harness/debian/probe/parse-probe-lines.js';
import { pickIdentity } from '../../../../harness/probe/identity.js';
import { toBootResult } from '../../../../harness/profiles/debian/to-boot-result.js';
import { goodLines, ids } from '../../debian/probe/samples.js';

const vm = { exitCode: 0, timedOut: false, canceled: false, durationMs: 1234, consoleLog: '/w/console.log', agentLog: '/w/agent.log' } as BootLinuxOutcome['vm'];
const base = (fields: Partial<BootLinuxOutcome>): BootLinuxOutcome => ({ malformed: 0, vm, consoleLog: '/w/console.log', agentLog: '/w/agent.log', macs: ['52:54:00:12:34:56'], rootUuid: ids.root, ...fields });

test('a boot that reported: the common report, the VM, the logs, MACs, time to report and malformed lines', (t) => {
  const { report } = parseDebianProbeLines(goodLines);
  const result = toBootResult(base({ ...(report ? { report } : {}), reportMs: 4321, malformed: 2 }));
  t.is(result.stop, undefined);
  t.deepEqual(pickIdentity(result.report?.identity, 'machine-id'), [ids.machineId]);
  t.deepEqual(result.report?.failedUnits, []);
  t.like(result, { vm, consoleLog: '/w/console.log', agentLog: '/w/agent.log', macs: ['52:54:00:12:34:56'], reportMs: 4321, malformedLines: 2 });
  t.false('screenshot' in result);
  t.false('placement' in result);
});

test('a boot that stopped: the stop as it was named, no report, no reportMs key', (t) => {
  const stop = { failure: 'stop-0x7b' as const, text: 'ALERT!  LABEL=debian-root does not exist.  Dropping to a shell!' };
  const result = toBootResult(base({ stop, screenshot: '/w/screen.png' }));
  t.deepEqual(result.stop, stop);
  t.is(result.report, undefined);
  t.false('reportMs' in result);
  t.is(result.screenshot, '/w/screen.png');
  t.is(result.malformedLines, 0);
});
