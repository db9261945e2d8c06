import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { planRetention, removeRetained } from '../../../harness/run/apply-retention.js';
import { classifyRunFile, decideCellRemoval, decideMasterRemoval, type RetentionPolicy } from '../../../harness/run/retention.js';
import type { RunResult, ScenarioResult } from '../../../harness/results/types.js';

test('a cell keeps its disk and boot files when it did not end as expected (failures), always (all), never (none)', (t) => {
  const table: [RetentionPolicy, boolean, boolean][] = [
    ['failures', true, true], ['failures', false, false], ['all', true, false], ['all', false, false], ['none', true, true], ['none', false, true],
  ];
  for (const [policy, asExpected, removed] of table) {
    t.deepEqual(decideCellRemoval({ asExpected }, policy), { disk: removed, bootFiles: removed, image: removed }, `${policy}, as expected: ${asExpected}`);
  }
});

test('masters go unless cached or everything is kept', (t) => {
  t.true(decideMasterRemoval('failures', false));
  t.true(decideMasterRemoval('none', false));
  t.false(decideMasterRemoval('all', false));
  t.false(decideMasterRemoval('failures', true));
  t.false(decideMasterRemoval('none', true));
});

test('run files are classified by where they sit; logs, screenshots and repro scripts are evidence', (t) => {
  t.is(classifyRunFile('scenarios/s/clones/m-1/disk.img'), 'disk');
  t.is(classifyRunFile('scenarios/s/clones/m-1/disk.qcow2'), 'disk');
  t.is(classifyRunFile('scenarios/s/clones/m-1/boot-1/vmlinux'), 'boot-file');
  t.is(classifyRunFile('scenarios/s/clones/m-1/boot-2/loader.img'), 'boot-file');
  t.is(classifyRunFile('boot-files/sha256-ab12'), 'boot-file');
  t.is(classifyRunFile('scenarios/s/capture.wim'), 'image');
  t.is(classifyRunFile('masters/k/master.img'), 'master');
  t.is(classifyRunFile('masters/k/generalized-ms.img'), 'master');
  for (const evidence of ['scenarios/s/clones/m-1/boot-1/console.log', 'scenarios/s/clones/m-1/boot-1/agent.log', 'scenarios/s/clones/m-1/boot-1/screen.png',
    'scenarios/s/clones/m-1/boot-1/runqemu.sh', 'masters/k/install/install/console.log', 'results.json', 'report.html']) t.is(classifyRunFile(evidence), 'evidence', evidence);
});

function makeRun(t: { teardown: (fn: () => void) => void }): { outDir: string; result: RunResult } {
  const outDir = mkdtempSync(path.join(tmpdir(), 'clonelab-keep-'));
  t.teardown(() => rmSync(outDir, { recursive: true, force: true }));
  const scenario = (name: string, status: ScenarioResult['status']): ScenarioResult => {
    const folder = path.join(outDir, 'scenarios', name, 'clones', 'm-1');
    mkdirSync(path.join(folder, 'boot-1'), { recursive: true });
    for (const file of ['disk.img', 'boot-1/vmlinux', 'boot-1/loader.img', 'boot-1/console.log', 'boot-1/agent.log', 'boot-1/screen.png', 'boot-1/runqemu.sh']) writeFileSync(path.join(folder, file), 'x'.repeat(5000));
    writeFileSync(path.join(outDir, 'scenarios', name, 'capture.wim'), 'w');
    return {
      name, description: '', status, expected: 'pass', installMachine: 'm', method: 'file', timeline: [], captureNotes: [], checks: [], durationMs: 1,
      clones: [{ cloneId: `${name}/m-1`, machine: 'm', status: 'booted', timeline: [], attempts: 1, notes: [], artifacts: { disk: path.join(folder, 'disk.img'), consoleLog: path.join(folder, 'boot-1/console.log') } }],
    };
  };
  mkdirSync(path.join(outDir, 'masters', 'k', 'install'), { recursive: true });
  writeFileSync(path.join(outDir, 'masters', 'k', 'master.img'), 'm');
  writeFileSync(path.join(outDir, 'masters', 'k', 'install', 'console.log'), 'c');
  mkdirSync(path.join(outDir, 'boot-files'));
  writeFileSync(path.join(outDir, 'boot-files', 'sha256-aa'), 'k');
  const result = { interrupted: false, scenarios: [scenario('good', 'passed'), scenario('bad', 'failed')] } as unknown as RunResult;
  return { outDir, result };
}

test('--keep failures removes the passing scenario\'s disk, boot files and image and the masters; the failing one keeps all; evidence stays', async (t) => {
  const { outDir, result } = makeRun(t);
  const plan = await planRetention(outDir, result, 'failures', false);
  await removeRetained(plan);
  const at = (file: string) => existsSync(path.join(outDir, file));
  for (const gone of ['scenarios/good/clones/m-1/disk.img', 'scenarios/good/clones/m-1/boot-1/vmlinux', 'scenarios/good/capture.wim', 'masters/k/master.img', 'boot-files/sha256-aa']) t.false(at(gone), gone);
  for (const kept of ['scenarios/bad/clones/m-1/disk.img', 'scenarios/bad/clones/m-1/boot-1/vmlinux', 'scenarios/bad/capture.wim', 'scenarios/good/clones/m-1/boot-1/console.log',
    'scenarios/good/clones/m-1/boot-1/screen.png', 'scenarios/good/clones/m-1/boot-1/runqemu.sh', 'masters/k/install/console.log']) t.true(at(kept), kept);
  t.true(plan.clones.get('bad/m-1')?.files.includes('scenarios/bad/clones/m-1/disk.img'));
  t.false(plan.clones.get('good/m-1')?.files.includes('scenarios/good/clones/m-1/disk.img'));
  t.true((plan.clones.get('bad/m-1')?.bytes ?? 0) > (plan.clones.get('good/m-1')?.bytes ?? 0));
  t.deepEqual(plan.record.masters.files, []);
  t.true(plan.record.applied);
});

test('--keep all and --master-cache keep the masters; an interrupted run removes nothing and says so', async (t) => {
  const { outDir, result } = makeRun(t);
  const all = await planRetention(outDir, result, 'all', false);
  t.deepEqual(all.remove, []);
  const cached = await planRetention(outDir, result, 'none', true);
  t.false(cached.remove.some((file) => file.includes(`${path.sep}masters${path.sep}`)));
  t.true(cached.remove.some((file) => file.endsWith(path.join('bad', 'clones', 'm-1', 'disk.img'))), 'none removes failing disks too');
  const interrupted = await planRetention(outDir, { ...result, interrupted: true }, 'none', false);
  t.deepEqual(interrupted.remove, []);
  t.false(interrupted.record.applied);
  t.regex(interrupted.record.note, /interrupted/);
});

test('a removal stopped by an abort leaves the rest', async (t) => {
  const { outDir, result } = makeRun(t);
  const plan = await planRetention(outDir, result, 'none', false);
  const controller = new AbortController();
  controller.abort();
  const done = await removeRetained(plan, controller.signal);
  t.is(done.removed, 0);
  t.is(done.left, plan.remove.length);
  t.true(existsSync(path.join(outDir, 'scenarios/good/clones/m-1/disk.img')));
});
