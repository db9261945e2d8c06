import test from 'ava';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseGeometry, readVolumeFile } from '../../../../harness/disks/index.js';
import { applyWimToDisk, captureWim } from '../../../../harness/imaging/index.js';
import { DESCRIPTORS_PATH, parseDescriptors } from '../../../../harness/imaging/merge-descriptors.js';
import { prepareTargetWithFiles } from '../../../../harness/lifecycle/steps/prepare-target.js';
import { makeScratch } from '../../disks/fixtures.js';

const scratch = makeScratch();
const userFiles = { 'users/User/Documents/report.txt': 'quarterly numbers\n', 'data/keep.me': 'user data on the target volume\n' };

test('user files kept by a non-destructive apply keep the previous installation\'s owner; the WIM\'s files keep theirs', async (t) => {
  const geometry = parseGeometry({ size: '64M', filesystem: 'fat32' });
  const disk = path.join(scratch, 'target.img');
  const { previousOwner } = await prepareTargetWithFiles(disk, geometry, userFiles);
  t.regex(previousOwner, /^S-1-5-21-\d+-\d+-\d+-1000$/);
  // A master tree: its own descriptor file naming the master's accounts.
  const master = 'S-1-5-21-11-22-33';
  const tree = path.join(scratch, 'master');
  await mkdir(path.join(tree, 'system', 'security'), { recursive: true });
  await mkdir(path.join(tree, 'users', 'User'), { recursive: true });
  await writeFile(path.join(tree, 'users', 'User', 'profile.txt'), 'profile\n');
  await writeFile(path.join(tree, DESCRIPTORS_PATH), `# master\nS-1-5-18 system/registry\n${master}-1000 users/User/profile.txt\n`);
  const wim = path.join(scratch, 'master.wim');
  await captureWim(tree, wim);
  const applied = await applyWimToDisk(wim, disk, geometry, { keepExisting: true });
  t.true(applied.notes.some((note) => /security descriptors of 2 kept files/.test(note)), applied.notes.join('; '));
  const owners = Object.fromEntries(parseDescriptors(String(await readVolumeFile(disk, `/${DESCRIPTORS_PATH}`))).map((entry) => [entry.path, entry.owner]));
  t.deepEqual(owners, {
    'system/registry': 'S-1-5-18', 'users/User/profile.txt': `${master}-1000`,
    'users/User/Documents/report.txt': previousOwner, 'data/keep.me': previousOwner,
  });
  t.is(String(await readVolumeFile(disk, '/data/keep.me')), userFiles['data/keep.me']);
});

test('two prepared targets are two previous installations: their owners differ', async (t) => {
  const geometry = parseGeometry({ size: '64M', filesystem: 'fat16' });
  const a = await prepareTargetWithFiles(path.join(scratch, 'a.img'), geometry, { 'x.txt': 'x' });
  const b = await prepareTargetWithFiles(path.join(scratch, 'b.img'), geometry, { 'x.txt': 'x' });
  t.not(a.previousOwner, b.previousOwner);
  t.is(String(await readVolumeFile(path.join(scratch, 'a.img'), `/${DESCRIPTORS_PATH}`)).split('\n')[1], `${a.previousOwner} x.txt`);
});
