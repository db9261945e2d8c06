import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';

// Input errors of `clonelab bisect` are told before any VM starts (exit 2).
const CLI = path.resolve('dist/cli/main.js');
const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-bisect-cli-'));
test.after.always(() => rmSync(folder, { recursive: true, force: true }));
const bisect = (...args: string[]) => execa(process.execPath, [CLI, 'bisect', ...args, '--out', path.join(folder, 'out'), '--accel', 'tcg'], { reject: false });

test('an unknown model names the nearest ones; the same model twice has nothing to bisect', async (t) => {
  const unknown = await bisect('nic-chip-revision', '--good', 'desktop-e100', '--bad', 'desktop-cirrus');
  t.is(unknown.exitCode, 2);
  t.regex(unknown.stderr, /hardware model name.*desktop-e100[\s\S]*Did you mean desktop-e1000/);
  const same = await bisect('nic-chip-revision', '--good', 'desktop-cirrus', '--bad', 'desktop-cirrus');
  t.is(same.exitCode, 2);
  t.regex(same.stderr, /"desktop-cirrus" and "desktop-cirrus" are the same hardware: there is nothing to bisect/);
});

test('--good and --bad are required, and the help says what bisect does', async (t) => {
  const missing = await execa(process.execPath, [CLI, 'bisect', 'nic-chip-revision', '--good', 'desktop-e1000'], { reject: false });
  t.not(missing.exitCode, 0);
  t.regex(missing.stderr, /required option '--bad <model>' not specified/);
  const help = await execa(process.execPath, [CLI, 'bisect', '--help']);
  t.regex(help.stdout, /smallest hardware change/);
});
