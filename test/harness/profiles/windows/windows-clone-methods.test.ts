import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { findModel } from '../../../../machines/catalog/lookup.js';
import { parseGeometry } from '../../../../harness/disks/parse-geometry.js';
import { pickIdentity } from '../../../../harness/probe/identity.js';
import { windowsProfile } from '../../../../harness/profiles/windows/windows-profile.js';
import { windowsCloneMethods } from '../../../../harness/profiles/windows/windows-clone-methods.js';
import { packNtfsDisk } from '../../../fixtures/windows/windows-images.js';
import { writeWindowsSystem } from '../../../fixtures/windows/windows-system.js';
import { makeFreshDirs, makeScratch } from '../../disks/fixtures.js';

const scratch = makeScratch();
const fresh = makeFreshDirs(scratch);
const signatureOf = async (disk: string) => (await readFile(disk)).subarray(440, 444).toString('hex');

test('a sector clone keeps the source disk signature; a file clone and a GPT target get new ones', async (t) => {
  const tree = await fresh('tree');
  await writeWindowsSystem(tree, { nt: '10.0', computerName: 'GOLD-PC', machineSid: [1, 2, 3] });
  const source = path.join(await fresh('source'), 'master.img');
  await packNtfsDisk(source, tree, { table: 'mbr', sectorSize: 512 });
  const dir = await fresh('clones');
  const geometry = parseGeometry({ size: '64M', filesystem: 'ntfs' });

  const sector = await windowsCloneMethods.sector.capture(source, { out: path.join(dir, 'capture.raw') });
  const applied = await windowsCloneMethods.sector.apply(sector, path.join(dir, 'sector.img'), geometry);
  t.is(await signatureOf(path.join(dir, 'sector.img')), await signatureOf(source));
  t.true(applied.notes.some((note) => /disk signature [0-9a-f]{8} copied/.test(note)), applied.notes.join('; '));

  const gpt = await windowsCloneMethods.sector.apply(sector, path.join(dir, 'gpt.img'), parseGeometry({ size: '65M', filesystem: 'ntfs', table: 'gpt' }));
  t.true(gpt.notes.some((note) => note.startsWith('GPT: the target has a new partition table')));

  const wim = await windowsCloneMethods.file.capture(source, { out: path.join(dir, 'capture.wim') });
  await windowsCloneMethods.file.apply(wim, path.join(dir, 'file.img'), geometry);
  t.not(await signatureOf(path.join(dir, 'file.img')), await signatureOf(source));
});

test('used-blocks and overlay clones of a Windows disk are inspected like the others: the overlay (a qcow2 child) keeps the whole disk', async (t) => {
  const tree = await fresh('tree');
  await writeWindowsSystem(tree, { nt: '10.0', computerName: 'GOLD-PC', machineSid: [1, 2, 3] });
  const source = path.join(await fresh('source'), 'master.img');
  await packNtfsDisk(source, tree, { table: 'mbr', sectorSize: 512 });
  const dir = await fresh('clones');
  const geometry = parseGeometry({ size: '64M', filesystem: 'ntfs' });
  const boot = (disk: string, format: 'raw' | 'qcow2') => windowsProfile.boot({
    accel: 'tcg', bootFileStore: dir, signal: new AbortController().signal, timeoutMs: 60_000, workDir: path.join(dir, `boot-${path.basename(disk)}`),
    master: { boot: 'direct', install: {} }, disk, format, model: findModel('desktop-e1000')!,
  });
  const used = await windowsCloneMethods['used-blocks'].capture(source, { out: path.join(dir, 'used.raw') });
  await windowsCloneMethods['used-blocks'].apply(used, path.join(dir, 'used.img'), geometry);
  const overlay = await windowsCloneMethods.overlay.capture(source, { out: path.join(dir, 'unused') });
  await windowsCloneMethods.overlay.apply(overlay, path.join(dir, 'overlay.qcow2'), geometry);
  for (const [disk, format] of [[path.join(dir, 'used.img'), 'raw'], [path.join(dir, 'overlay.qcow2'), 'qcow2']] as const) {
    const report = (await boot(disk, format)).report;
    t.deepEqual(pickIdentity(report?.identity, 'computer-name'), ['GOLD-PC'], disk);
    t.deepEqual(pickIdentity(report?.identity, 'machine-sid'), ['S-1-5-21-1-2-3'], disk);
  }
  const overlayReport = (await boot(path.join(dir, 'overlay.qcow2'), 'qcow2')).report;
  t.deepEqual(pickIdentity(overlayReport?.identity, 'disk-signature'), [`mbr:${(await readFile(source)).readUInt32LE(440).toString(16).padStart(8, '0')}`]);
});
