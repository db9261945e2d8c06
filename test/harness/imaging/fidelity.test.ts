import test from 'ava';
import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { createDisk, parseGeometry } from '../../../harness/disks/index.js';
import { applyWimToDisk, captureWim, compareEntries, measureFidelity } from '../../../harness/imaging/index.js';
import { makeScratch, makeTree } from '../disks/fixtures.js';

const scratch = makeScratch();

test('NTFS → FAT32 file clone: measured losses are 2-second timestamps and security descriptors; names and contents survive', async (t) => {
  const tree = await makeTree(path.join(scratch, 'tree'), 1000);
  const odd = new Date('2020-01-01T00:00:01.500Z');
  await utimes(path.join(tree, 'MARKER.TXT'), odd, odd);
  const ntfs = path.join(scratch, 'n.img');
  await createDisk(ntfs, parseGeometry({ size: '32M', filesystem: 'ntfs' }), { fromDir: tree });
  const wim = path.join(scratch, 'n.wim');
  await captureWim(ntfs, wim);
  const fat = path.join(scratch, 'f.img');
  await applyWimToDisk(wim, fat, parseGeometry({ size: '40M', filesystem: 'fat32' }));
  const report = await measureFidelity(wim, 1, fat);
  const marker = report.findings.filter((finding) => finding.path === '/MARKER.TXT');
  t.like(marker.find((finding) => finding.kind === 'write-time'), { before: 'Wed Jan 01 00:00:01 2020 UTC', after: 'Wed Jan 01 00:00:00 2020 UTC' });
  t.true(marker.some((finding) => finding.kind === 'security' && finding.before === 'security descriptor' && finding.after === 'none'));
  t.is(report.counts.missing, undefined);
  t.is(report.counts['name-case'], undefined);
  t.is(report.counts.content, undefined);
});

test('compareEntries names every changed field', (t) => {
  const base = { path: '/A.txt', shortName: 'A.TXT', attributes: 0x20, creationTime: 'c', lastWriteTime: 'w', hash: 'h', size: 1, hasSecurityDescriptor: true, namedStreams: ['zone'] };
  const kinds = compareEntries(base, { ...base, path: '/a.txt', shortName: '', attributes: 0x80, hasSecurityDescriptor: false, namedStreams: [] }).map((finding) => finding.kind);
  t.deepEqual(kinds, ['name-case', 'short-name', 'attributes', 'security', 'streams']);
  t.deepEqual(compareEntries(base, undefined).map((finding) => finding.kind), ['missing']);
});
