import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { pickIdentity } from '../../../harness/probe/identity.js';
import type { RunResult } from '../../../harness/results/types.js';

// A representative subset of the built-in library on real QEMU (TCG): one shared master,
// an identity reproduction, a driver reproduction, a STOP 0x7B and a refused sector clone.
const SUBSET = ['no-sysprep-duplicate-sid', 'nic-moved-slot', 'storage-controller-change', 'sector-to-smaller-refused'];
const CLI = path.resolve('dist/cli/main.js');

/** A temporary folder of this test, removed when it ends. */
function tempDir(t: ExecutionContext, prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test.serial('clonelab run: a representative subset ends as expected, with evidence and artifacts', async (t) => {
  const out = tempDir(t, 'clonelab-run-e2e-');
  const masterCache = tempDir(t, 'clonelab-run-e2e-masters-');
  const run = await execa(process.execPath, [CLI, 'run', ...SUBSET, '--out', out, '--accel', 'tcg', '--jobs', '2', '--master-cache', masterCache], { reject: false, all: true });
  t.is(run.exitCode, 0, run.all);
  const result = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as RunResult;
  const status = Object.fromEntries(result.scenarios.map((scenario) => [scenario.name, scenario.status]));
  t.deepEqual(status, {
    'no-sysprep-duplicate-sid': 'reproduced', 'nic-moved-slot': 'reproduced', 'storage-controller-change': 'reproduced', 'sector-to-smaller-refused': 'reproduced',
  });
  const byName = Object.fromEntries(result.scenarios.map((scenario) => [scenario.name, scenario]));
  t.deepEqual(byName['nic-moved-slot']?.verdict?.reproduced.sort(), ['problem-24', 'problem-28']);
  t.deepEqual(byName['storage-controller-change']?.verdict?.reproduced, ['stop-0x7b']);
  const sid = byName['no-sysprep-duplicate-sid']?.checks.find((check) => check.id === 'machine-sid-unique');
  t.regex(sid?.summary ?? '', /duplicated machine SIDs: S-1-5-21-\d+-\d+-\d+ on no-sysprep-duplicate-sid\/desktop-e1000#1/);
  t.deepEqual(byName['no-sysprep-duplicate-sid']?.timeline.map((entry) => entry.state), ['install', 'capture', 'targets', 'check', 'done']);
  t.deepEqual(byName['storage-controller-change']?.timeline.map((entry) => entry.state), ['install', 'generalize', 'capture', 'targets', 'check', 'done']);
  for (const clone of result.scenarios.flatMap((scenario) => scenario.clones).filter((entry) => entry.status === 'booted')) {
    for (const artifact of [clone.artifacts.consoleLog, clone.artifacts.agentLog, clone.artifacts.runScript]) t.true(existsSync(artifact ?? ''), `${clone.cloneId}: ${artifact}`);
  }
  // Every clone that started a VM proved there, before its guest ran, that each device sits where its model says.
  const started = result.scenarios.flatMap((scenario) => scenario.clones.filter((clone) => clone.status === 'booted').map((clone) => ({ scenario, clone })));
  t.true(started.length >= 4);
  for (const { scenario, clone } of started) {
    const placement = scenario.checks.find((check) => check.id === 'placement' && check.cloneId === clone.cloneId);
    t.is(placement?.status, 'pass', `${clone.cloneId}: ${placement?.summary}`);
    const devices = clone.facts?.placement?.devices ?? [];
    t.true(devices.length >= 3 && devices.every((device) => device.found === device.expected && device.foundIds === device.ids), JSON.stringify(devices));
  }
  t.regex(readFileSync(path.join(out, 'junit.xml'), 'utf8'), /<property name="placement" value="pass: all 3 devices of desktop-e1000 where the model says, proven before the CPUs ran: nic0 e1000 8086:100e at 00:02\.0/);
  t.regex(readFileSync(path.join(out, 'report.html'), 'utf8'), /nic0 e1000 8086:100e: expected 00:02\.0, found 00:02\.0/);
  const { stdout } = await execa('find', [path.join(out, 'masters'), '-name', 'master.img']);
  t.not(stdout, '', 'the master was kept');
  for (const master of stdout.split('\n').filter(Boolean)) t.is(statSync(master).mode & 0o222, 0, `${master} is read-only`);
  const leftover = await execa('pgrep', ['-f', `qemu-system-x86_64.*${out}`], { reject: false });
  t.is(leftover.stdout, '', 'no QEMU left running');
});

test.serial('clonelab run --master-cache: a later run reuses the master an earlier run installed', async (t) => {
  // Both runs are this test's own: the first fills a fresh cache, the second reads it.
  const masterCache = tempDir(t, 'clonelab-run-e2e-masters-');
  const firstOut = tempDir(t, 'clonelab-run-e2e-first-');
  const first = await execa(process.execPath, [CLI, 'run', 'no-sysprep-duplicate-sid', '--out', firstOut, '--accel', 'tcg', '--master-cache', masterCache], { reject: false, all: true });
  t.is(first.exitCode, 0, first.all);
  const [installed] = (JSON.parse(readFileSync(path.join(firstOut, 'results.json'), 'utf8')) as RunResult).scenarios;
  if (!installed?.masterSid) return t.fail('the first run did not install the master');
  t.is(installed.reusedMasters, undefined, 'the first run built its masters');
  const out = tempDir(t, 'clonelab-run-e2e-reuse-');
  const run = await execa(process.execPath, [CLI, 'run', 'no-sysprep-duplicate-sid', '--out', out, '--accel', 'tcg', '--master-cache', masterCache], { reject: false, all: true });
  t.is(run.exitCode, 0, run.all);
  const [scenario] = (JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as RunResult).scenarios;
  t.is(scenario?.status, 'reproduced');
  t.is(scenario?.masterSid, installed.masterSid, 'the same master, so the same SID');
  t.is(scenario?.reusedMasters?.length, 1);
  t.true(scenario?.reusedMasters?.[0]?.startsWith(masterCache));
  // No install boot: the master's install folder (console log, loader) is absent in this run.
  const { stdout } = await execa('find', [path.join(out, 'masters'), '-name', 'master.img']);
  const master = stdout.trim();
  t.is(statSync(master).ino, statSync(path.join(scenario!.reusedMasters![0]!, 'disk.img')).ino);
  t.false(existsSync(path.join(path.dirname(master), 'install')));
  t.true(scenario!.clones.every((clone) => pickIdentity(clone.facts?.report?.identity, 'machine-sid')[0] === installed.masterSid), 'clones of the cached master carry its SID');
});
