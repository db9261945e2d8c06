import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { listMissingPackages } from '../../../../harness/host/bootstrap.js';

// The host as it is: its packages, the kernel package in the cache (network on first use), root for setpriv.
const BOOTSTRAP = path.resolve('dist/cli/bootstrap.js');

test('nothing is missing on a bootstrapped host', (t) => {
  t.deepEqual(listMissingPackages(), []);
});

test('bootstrap is idempotent: a second run installs nothing and says the host is ready', async (t) => {
  await execa('node', [BOOTSTRAP]);
  const second = await execa('node', [BOOTSTRAP]);
  t.regex(second.stdout, /host ready, kernel \d+\.\d+\.\d+-\d+-amd64 cached/);
  t.notRegex(second.stdout, /installing/);
});

test('as a non-root user with tools missing, bootstrap prints the exact command and fails', async (t) => {
  const empty = mkdtempSync(path.join(tmpdir(), 'clonelab-empty-path-'));
  t.teardown(() => rmSync(empty, { recursive: true, force: true }));
  const result = await execa('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BOOTSTRAP], {
    reject: false, env: { PATH: empty, HOME: empty }, extendEnv: false,
  });
  t.is(result.exitCode, 2);
  t.regex(result.stderr, /Missing host packages: .*qemu-system-x86/);
  t.regex(result.stderr, /hint: Run as root: apt-get update && apt-get install -y --no-install-recommends .*qemu-system-x86/);
});
