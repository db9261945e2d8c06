import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { installCommand, listMissingPackages } from '../../../harness/host/bootstrap.js';
import { hostTools } from '../../../harness/host/tools.js';

test('with an empty PATH the packages of the PATH-only tools are missing, each once', (t) => {
  const empty = mkdtempSync(path.join(tmpdir(), 'clonelab-empty-path-'));
  t.teardown(() => rmSync(empty, { recursive: true, force: true }));
  const missing = listMissingPackages({ PATH: empty });
  t.true(missing.includes('qemu-system-x86'));
  t.true(missing.includes('wimtools'));
  t.is(new Set(missing).size, missing.length);
  t.true(missing.every((name) => hostTools.some((tool) => tool.debianPackage === name)));
});

test('the install command is an apt-get argv', (t) => {
  t.deepEqual(installCommand(['qemu-utils', 'cpio']), ['apt-get', 'install', '-y', '--no-install-recommends', 'qemu-utils', 'cpio']);
});
