import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';

const CLI = path.resolve('dist/cli/main.js');

test('doctor exits non-zero and names the fix when a tool is missing', async (t) => {
  const empty = mkdtempSync(path.join(tmpdir(), 'clonelab-empty-path-'));
  t.teardown(() => rmSync(empty, { recursive: true, force: true }));
  const result = await execa(process.execPath, [CLI, 'doctor'], { reject: false, env: { PATH: empty }, extendEnv: false });
  t.is(result.exitCode, 1);
  t.regex(result.stdout, /FAIL qemu-system-x86_64/);
  t.regex(result.stdout, /fix: apt-get install -y --no-install-recommends qemu-system-x86/);
});
