import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { OVMF_CODE, OVMF_VARS_TEMPLATE, prepareOvmfVars } from '../../../harness/bootloaders/ovmf-vars.js';
import { makeFreshDirs, makeScratch } from '../disks/fixtures.js';

const freshDir = makeFreshDirs(makeScratch());

test('each boot folder gets its own copy of the variables template; the template is never the file returned', async (t) => {
  const dir = path.join(await freshDir('vars'), 'vm1');
  const boot = await prepareOvmfVars(dir);
  t.deepEqual(boot, { kind: 'firmware', firmware: 'uefi', code: OVMF_CODE, vars: path.join(dir, 'OVMF_VARS.fd') });
  const template = await readFile(OVMF_VARS_TEMPLATE);
  t.true((await readFile(boot.vars)).equals(template));
  // A boot that wrote its variables, prepared again: a fresh copy of the template.
  await writeFile(boot.vars, 'used');
  await prepareOvmfVars(dir);
  t.true((await readFile(boot.vars)).equals(template));
});
