import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import type { RunResult } from '../../../harness/results/types.js';

// One small scenario (one master, one clone) on real QEMU (TCG), run with two retention policies.
const SCENARIO = 'nic-moved-slot';
const CLI = path.resolve('dist/cli/main.js');

async function runWith(t: ExecutionContext, keep: string[]): Promise<{ out: string; result: RunResult }> {
  const out = mkdtempSync(path.join(tmpdir(), 'clonelab-keep-e2e-'));
  t.teardown(() => rmSync(out, { recursive: true, force: true }));
  const run = await execa(process.execPath, [CLI, 'run', SCENARIO, '--out', out, '--accel', 'tcg', '--jobs', '2', ...keep], { reject: false, all: true });
  t.is(run.exitCode, 0, run.all);
  return { out, result: JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as RunResult };
}

const find = async (dir: string, name: string): Promise<string[]> => (await execa('find', [dir, '-name', name])).stdout.split('\n').filter(Boolean);

test.serial('clonelab run (default --keep failures): a clone that ended as expected loses its disk and boot files, keeps its logs, screenshot and runqemu.sh; the master goes', async (t) => {
  const { out, result } = await runWith(t, []);
  const clone = result.scenarios[0]?.clones[0];
  t.is(result.scenarios[0]?.status, 'reproduced');
  t.truthy(clone?.artifacts.disk);
  t.false(existsSync(clone?.artifacts.disk ?? ''), 'the passing clone\'s disk is gone');
  for (const evidence of [clone?.artifacts.consoleLog, clone?.artifacts.agentLog, clone?.artifacts.runScript, clone?.artifacts.screenshot]) t.true(existsSync(evidence ?? ''), `${evidence} stays`);
  t.deepEqual(await find(path.join(out, 'scenarios'), 'vmlinux'), [], 'no boot files of passing clones');
  t.deepEqual(await find(out, 'master.img'), [], 'the master is removed at the end');
  t.deepEqual(await find(out, 'capture.*'), []);
  t.is(result.retention?.policy, 'failures');
  t.true(result.retention?.applied);
  t.true((result.retention?.removedBytes ?? 0) > 50 * 2 ** 20, 'the disks, kernel and master removed weigh something');
  t.false(clone?.kept?.files.some((file) => file.endsWith('disk.img')));
  t.true(clone?.kept?.files.some((file) => file.endsWith('console.log')));
  t.regex(readFileSync(path.join(out, 'report.html'), 'utf8'), /<section id="kept"><h2>Kept on disk<\/h2>\s*<p class="kept-summary" data-policy="failures" data-applied="true">/);
});

test.serial('clonelab run --keep all: the disk, boot files and master stay', async (t) => {
  const { out, result } = await runWith(t, ['--keep', 'all']);
  const clone = result.scenarios[0]?.clones[0];
  t.true(existsSync(clone?.artifacts.disk ?? ''), 'the clone disk stays');
  t.is((await find(path.join(out, 'scenarios'), 'vmlinux')).length, 1);
  t.is((await find(out, 'master.img')).length, 1);
  t.true(clone?.kept?.files.some((file) => file.endsWith('disk.img')));
  t.is(result.retention?.removedFiles, 0);
});
