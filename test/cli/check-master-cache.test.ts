import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { checkMasterCache } from '../../cli/check-master-cache.js';

test('--master-cache: made when missing, refused inside the output folder or when it is a file', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'clonelab-check-cache-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'out');
  const made = await checkMasterCache(path.join(dir, 'cache', 'masters'), out);
  t.true(statSync(made).isDirectory());
  await t.throwsAsync(checkMasterCache(path.join(out, 'masters'), out), { message: /Invalid --master-cache: expected a folder outside the output folder .*\/out, got ".*\/out\/masters"/ });
  await t.throwsAsync(checkMasterCache(out, out), { message: /outside the output folder/ });
  writeFileSync(path.join(dir, 'file'), '');
  await t.throwsAsync(checkMasterCache(path.join(dir, 'file'), out), { message: /expected a folder \(or a path where one can be made\), got ".*file \(not a folder\)"/ });
  t.false(existsSync(out), 'nothing made in the output folder');
  t.truthy(await checkMasterCache(path.join(dir, 'out-sibling'), out), 'a sibling whose name starts like the output folder is fine');
});
