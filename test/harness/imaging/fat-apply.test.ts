import test from 'ava';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDisk, listVolume, parseGeometry, readVolumeFile } from '../../../harness/disks/index.js';
import { applyWimToDisk, captureWim, FatNamesError, listWimImage } from '../../../harness/imaging/index.js';
import { hashFile, makeScratch, makeTree } from '../disks/fixtures.js';

const scratch = makeScratch();

// The issue's volume: an NTFS volume holding two files that differ only in case and one whose
// name has a colon (a Linux folder holds all three; wimlib writes them into NTFS as they are).
const issueWim = (async () => {
  const tree = path.join(scratch, 'issue-tree');
  await mkdir(path.join(tree, 'Docs'), { recursive: true });
  await writeFile(path.join(tree, 'Docs', 'CaseName.TXT'), 'upper twin\n');
  await writeFile(path.join(tree, 'Docs', 'casename.txt'), 'lower twin\n');
  await writeFile(path.join(tree, 'Docs', 'x:y.txt'), 'colon\n');
  await writeFile(path.join(tree, 'Docs', 'ok.txt'), 'fine\n');
  const ntfs = path.join(scratch, 'issue-ntfs.img');
  await createDisk(ntfs, parseGeometry({ size: '32M', filesystem: 'ntfs' }), { fromDir: tree });
  const wim = path.join(scratch, 'issue.wim');
  await captureWim(ntfs, wim);
  return wim;
})();

const fat16 = parseGeometry({ size: '40M', filesystem: 'fat16' });
const issueNames = ['/Docs/CaseName.TXT', '/Docs/casename.txt', '/Docs/x:y.txt'];

test('the NTFS volume really holds the three names (captured from NTFS, not from the folder)', async (t) => {
  const paths = (await listWimImage(await issueWim)).map((entry) => entry.path);
  t.true(issueNames.every((name) => paths.includes(name)), paths.join(' '));
});

test('onto FAT16 the apply is refused before anything is written, naming the target, the filesystem and all three names with their reasons', async (t) => {
  const target = path.join(scratch, 'refused.img');
  const error = await t.throwsAsync(applyWimToDisk(await issueWim, target, fat16), { instanceOf: FatNamesError });
  t.is(error?.target, target);
  t.is(error?.filesystem, 'fat16');
  t.deepEqual(error?.losses.map((loss) => [loss.path, loss.reason]), [
    ['/Docs/CaseName.TXT', 'case-collision'], ['/Docs/casename.txt', 'case-collision'], ['/Docs/x:y.txt', 'forbidden-character'],
  ]);
  t.regex(error?.message ?? '', new RegExp(`onto ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(fat16\\)`));
  for (const name of issueNames) t.true(error?.message.includes(`${name}: `), name);
  await t.throwsAsync(access(target), { code: 'ENOENT' });
});

test('with lossy the apply goes through: the three losses are listed, the kept twin has its own content, the others are absent', async (t) => {
  const result = await applyWimToDisk(await issueWim, path.join(scratch, 'lossy.img'), fat16, { lossy: true });
  t.deepEqual(result.losses?.map((loss) => [loss.path, loss.reason, loss.written]), [
    ['/Docs/CaseName.TXT', 'case-collision', true], ['/Docs/casename.txt', 'case-collision', false], ['/Docs/x:y.txt', 'forbidden-character', false],
  ]);
  t.true(result.notes.some((note) => /3 names of the image cannot exist on FAT; 2 left out, 1 kept/.test(note)), result.notes.join('\n'));
  const names = (await listVolume(result.target, '/Docs')).map((entry) => entry.name).sort();
  t.deepEqual(names, ['CaseName.TXT', 'ok.txt']);
  t.is((await readVolumeFile(result.target, '/Docs/CaseName.TXT')).toString(), 'upper twin\n');
});

test('the same image onto NTFS keeps all three names (no check, no losses)', async (t) => {
  const result = await applyWimToDisk(await issueWim, path.join(scratch, 'ntfs-target.img'), parseGeometry({ size: '32M', filesystem: 'ntfs' }));
  t.is(result.losses, undefined);
  t.is((await readVolumeFile(result.target, '/Docs/casename.txt')).toString(), 'lower twin\n');
  t.is((await readVolumeFile(result.target, '/Docs/CaseName.TXT')).toString(), 'upper twin\n');
});

test('a clean tree applies onto FAT16 with no losses and no lossy note', async (t) => {
  const wim = path.join(scratch, 'clean.wim');
  await captureWim(await makeTree(path.join(scratch, 'clean-tree')), wim);
  const result = await applyWimToDisk(wim, path.join(scratch, 'clean.img'), fat16);
  t.deepEqual(result.losses, []);
  t.false(result.notes.some((note) => note.includes('lossy')));
});

test('a non-destructive apply onto FAT follows the same rule', async (t) => {
  const target = path.join(scratch, 'existing.img');
  const tree = await makeTree(path.join(scratch, 'existing-tree'));
  await createDisk(target, fat16, { fromDir: tree });
  const before = await hashFile(target);
  await t.throwsAsync(applyWimToDisk(await issueWim, target, fat16, { keepExisting: true }), { instanceOf: FatNamesError, message: /3 names of the image cannot exist on fat16/ });
  t.is(await hashFile(target), before, 'the refused target is untouched');
  const result = await applyWimToDisk(await issueWim, target, fat16, { keepExisting: true, lossy: true });
  t.is(result.losses?.length, 3);
  t.is((await readVolumeFile(target, '/MARKER.TXT')).toString(), 'marker 1\n');
  t.deepEqual((await listVolume(target, '/Docs')).map((entry) => entry.name).sort(), ['CaseName.TXT', 'ok.txt']);
});
