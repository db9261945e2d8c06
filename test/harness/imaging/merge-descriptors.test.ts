import test from 'ava';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DESCRIPTORS_PATH, keepExistingDescriptors, mergeDescriptors, parseDescriptors } from '../../../harness/imaging/merge-descriptors.js';

const master = 'S-1-5-21-1-2-3';
const previous = 'S-1-5-21-7-8-9';
const wimText = `# clonelab security descriptors: owner SID, then path\nS-1-5-18 system/registry\n${master}-1000 users/User/profile.txt\n`;
const volumeText = `# a previous installation\n${previous}-1000 users/User/Documents/report.txt\n${previous}-1000 data/keep.me\n${previous}-1000 Users/User/Profile.txt\n${previous}-500 gone.txt\n`;

test('descriptor lines: owner then path (spaces kept), comments and junk skipped', (t) => {
  t.deepEqual(parseDescriptors(`# c\nS-1-5-18 system/registry\n\nnot a line\n${previous}-1000 /data/a b.txt\n`), [
    { owner: 'S-1-5-18', path: 'system/registry' },
    { owner: `${previous}-1000`, path: 'data/a b.txt' },
  ]);
});

test('kept files keep their owners; replaced and vanished files do not (case-insensitive, like the clash rule)', (t) => {
  const kept = new Set(['users/user/documents/report.txt', 'data/keep.me', 'users/user/profile.txt', DESCRIPTORS_PATH]);
  const replaced = new Set(['users/user/profile.txt', DESCRIPTORS_PATH, 'system/registry']);
  const { text, carried } = mergeDescriptors(wimText, volumeText, kept, replaced);
  t.is(carried, 2);
  t.is(text, `${wimText}${previous}-1000 users/User/Documents/report.txt\n${previous}-1000 data/keep.me\n`);
});

test('keepExistingDescriptors writes the merged file into the WIM tree only when both sides have one', async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'clonelab-descriptors-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  const incoming = path.join(root, 'incoming');
  const existing = path.join(root, 'existing');
  // The volume's copy as FAT hands it back: upper-case 8.3 names.
  for (const [base, name, text] of [[incoming, DESCRIPTORS_PATH, wimText], [existing, DESCRIPTORS_PATH.toUpperCase(), volumeText]] as const) {
    await mkdir(path.join(base, path.dirname(name)), { recursive: true });
    await writeFile(path.join(base, name), text);
  }
  const incomingFiles = [`/${DESCRIPTORS_PATH}`, '/users/User/profile.txt'];
  const existingFiles = [`/${DESCRIPTORS_PATH.toUpperCase()}`, '/users/User/Documents/report.txt', '/data/keep.me'];
  t.is(await keepExistingDescriptors(incoming, existing, incomingFiles, existingFiles), 2);
  t.deepEqual(parseDescriptors(await readFile(path.join(incoming, DESCRIPTORS_PATH), 'utf8')).map((entry) => entry.owner), ['S-1-5-18', `${master}-1000`, `${previous}-1000`, `${previous}-1000`]);
  t.is(await keepExistingDescriptors(incoming, existing, ['/users/User/profile.txt'], existingFiles), 0, 'the WIM has no descriptor file: the volume\'s stays as it is');
});
