import test from 'ava';
import type { BootOutcome } from '../../../harness/guest/boot-guest.js';
import { checkGeneralized } from '../../../harness/guest/generalize-guest.js';
import { parseProbeLines } from '../../../harness/guest/parse-probe-lines.js';

const begin = '{"v":1,"t":"begin","setup":"none","mode":"generalize","kernel":"6.1.0-56-amd64"}';

/** A generalize boot's outcome made from its probe lines (no QEMU). */
function outcomeOf(lines: string[]): BootOutcome {
  const { report, malformed } = parseProbeLines(lines);
  return {
    ...(report ? { report } : {}), malformed, consoleLog: 'console.log', agentLog: 'agent.log', macs: [],
    vm: { exitCode: 0, timedOut: false, canceled: false, durationMs: 9000, consoleLog: 'console.log', agentLog: 'agent.log', runScript: 'runqemu.sh', stderrTail: '' },
  };
}

const asked = { massStorage: true, sidChanger: 'no-acl-rewrite' } as const;

test('a whole report whose generalized line matches the request is a success', (t) => {
  t.is(checkGeneralized(outcomeOf([begin, '{"v":1,"t":"generalized","massStorage":true,"sidChanger":"no-acl-rewrite"}', '{"v":1,"t":"end"}']), asked), undefined);
});

test('a generalized line without the end line is not a success (the CLI and the lifecycle agree)', (t) => {
  t.regex(checkGeneralized(outcomeOf([begin, '{"v":1,"t":"generalized","massStorage":true,"sidChanger":"no-acl-rewrite"}']), asked) ?? '', /did not finish \(setup none, report incomplete/);
});

test('a guest that generalized otherwise than asked is named with both sides', (t) => {
  const problem = checkGeneralized(outcomeOf([begin, '{"v":1,"t":"generalized","massStorage":true,"sidChanger":"setupcl"}', '{"v":1,"t":"end"}']), asked);
  t.is(problem, 'did other than asked: asked for mass storage true and SID changer no-acl-rewrite, the guest reported mass storage true and SID changer setupcl');
});

test('no report at all says so', (t) => {
  t.regex(checkGeneralized(outcomeOf([]), asked) ?? '', /did not finish \(no probe line, QEMU exited \(0\) after 9 s\)/);
});

test('a whole report from a VM that was stopped instead of powering off is not a success: the volume is written back after the report', (t) => {
  const whole = [begin, '{"v":1,"t":"generalized","massStorage":true,"sidChanger":"no-acl-rewrite"}', '{"v":1,"t":"end"}'];
  const stopped = outcomeOf(whole);
  stopped.vm = { ...stopped.vm, exitCode: undefined, signal: 'SIGKILL', timedOut: true, durationMs: 120_000 };
  t.regex(checkGeneralized(stopped, asked) ?? '', /reported generalized but did not power off by itself \(setup none, report complete, timed out after 120 s\)/);
  const failed = outcomeOf(whole);
  failed.vm = { ...failed.vm, exitCode: 1 };
  t.regex(checkGeneralized(failed, asked) ?? '', /did not power off by itself/);
});
