import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';

const CLI = path.resolve('dist/cli/main.js');

test('clonelab run refuses bad input before any VM starts', async (t) => {
  // In a folder of its own: were a refusal to fail, the run's default output would land there.
  const cwd = mkdtempSync(path.join(tmpdir(), 'clonelab-run-bad-'));
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const out = path.join(cwd, 'out');
  const unknown = await execa(process.execPath, [CLI, 'run', 'nic-moved-slt'], { reject: false, cwd });
  t.is(unknown.exitCode, 2);
  t.regex(unknown.stderr, /got "nic-moved-slt"[\s\S]*Did you mean nic-moved-slot/);
  const machine = await execa(process.execPath, [CLI, 'run', '--machines', 'desktop-e1000,nope'], { reject: false, cwd });
  t.is(machine.exitCode, 2);
  t.regex(machine.stderr, /Invalid hardware model name: .*got "nope"/);
  const jobs = await execa(process.execPath, [CLI, 'run', '--jobs', '0'], { reject: false, cwd });
  t.is(jobs.exitCode, 2);
  t.regex(jobs.stderr, /Invalid --jobs: expected a whole number from 1 to 64, got "0"/);
  const cache = await execa(process.execPath, [CLI, 'run', '--out', out, '--master-cache', path.join(out, 'masters')], { reject: false, cwd });
  t.is(cache.exitCode, 2);
  t.regex(cache.stderr, /Invalid --master-cache: expected a folder outside the output folder/);
  const keep = await execa(process.execPath, [CLI, 'run', '--keep', 'failure'], { reject: false, cwd });
  t.is(keep.exitCode, 2);
  t.regex(keep.stderr, /Invalid --keep: expected "failures", "all" or "none", got "failure"/);
});

test('clonelab run --tag selects the scenarios before planning; an unknown tag is refused', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'clonelab-run-tag-'));
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  const typo = await execa(process.execPath, [CLI, 'run', '--tag', 'storge'], { reject: false, cwd });
  t.is(typo.exitCode, 2);
  t.regex(typo.stderr, /Invalid --tag: expected a tag of the chosen scenarios \(.*\), got "storge"[\s\S]*Did you mean storage/);
  // The library has scenarios on desktop-cirrus, but none tagged storage: nothing is left to run.
  const none = await execa(process.execPath, [CLI, 'run', '--tag', 'storage', '--machines', 'desktop-cirrus'], { reject: false, cwd });
  t.is(none.exitCode, 2);
  t.regex(none.stderr, /Invalid selection: expected at least one scenario with a target among the chosen machines, got .*"tags":\["storage"\]/);
});
