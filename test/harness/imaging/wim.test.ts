import test from 'ava';
import { copyFile, mkdir, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../../harness/errors/errors.js';
import { createDisk, listVolume, parseGeometry, readVolumeFile } from '../../../harness/disks/index.js';
import { applyWimToDisk, captureWim, readWimInfo, splitWim, verifyWim, type WimCompression } from '../../../harness/imaging/index.js';
import { hashFile, makeScratch, makeTree, pseudoRandom } from '../disks/fixtures.js';

const scratch = makeScratch();
const tree = makeTree(path.join(scratch, 'tree'), 3 * 1024 ** 2);
const treeB = tree.then(async () => {
  const b = path.join(scratch, 'treeB');
  await makeTree(b, 3 * 1024 ** 2);
  await writeFile(path.join(b, 'only-in-b.bin'), pseudoRandom(500_000, 9));
  return b;
});

test('each compression captures, reads back its metadata and applies', async (t) => {
  const sizes: Record<string, number> = {};
  for (const compress of ['none', 'xpress', 'lzx', 'lzms-solid'] as WimCompression[]) {
    const wim = path.join(scratch, `c-${compress}.wim`);
    await captureWim(await tree, wim, { compress, name: `tree-${compress}` });
    const info = await readWimInfo(wim);
    t.is(info.compression, { none: 'None', xpress: 'XPRESS', lzx: 'LZX', 'lzms-solid': 'LZMS' }[compress]);
    t.like(info.images[0], { index: 1, name: `tree-${compress}`, fileCount: 4, dirCount: 3 });
    t.true((info.images[0]?.created?.getFullYear() ?? 0) >= 2024);
    sizes[compress] = info.fileBytes;
    t.true(info.compressionRatio !== undefined && info.compressionRatio > 0.5);
  }
  t.true(sizes.lzx! < sizes.none!);
  const applied = await applyWimToDisk(path.join(scratch, 'c-lzms-solid.wim'), path.join(scratch, 'lzms.img'), parseGeometry({ size: '24M', filesystem: 'ntfs' }));
  t.is((await readVolumeFile(applied.target, '/random.bin')).length, 3 * 1024 ** 2);
});

test('two images in one WIM share their common files (single-instance storage)', async (t) => {
  const wim = path.join(scratch, 'multi.wim');
  await captureWim(await tree, wim, { name: 'A' });
  const alone = await readWimInfo(wim);
  await captureWim(await treeB, wim, { name: 'B', append: true });
  const both = await readWimInfo(wim);
  t.deepEqual(both.images.map((image) => image.name), ['A', 'B']);
  t.true(both.logicalBytes > 2 * 3 * 1024 ** 2);
  t.true(both.dedupeSaving > 0.4, `saving ${both.dedupeSaving}`);
  // The second image costs only what is unique to it (~500 kB of random data).
  t.true(both.fileBytes - alone.fileBytes < 700_000, `${both.fileBytes - alone.fileBytes} bytes added`);
  const second = await applyWimToDisk(wim, path.join(scratch, 'multi-2.img'), parseGeometry({ size: '24M', filesystem: 'fat16' }), { index: 2 });
  t.true((await listVolume(second.target)).some((entry) => entry.name === 'only-in-b.bin'));
});

test('a split WIM applies from its parts; a missing part is named', async (t) => {
  const wim = path.join(scratch, 'split-src.wim');
  await captureWim(await tree, wim, { compress: 'none', check: true });
  await verifyWim(wim);
  const dir = path.join(scratch, 'split');
  await mkdir(dir);
  const parts = await splitWim(wim, path.join(dir, 'set.swm'), 1024 ** 2);
  t.true(parts.length >= 2, `${parts.length} parts`); // wimlib never splits one file blob across parts (measured)
  t.like(await readWimInfo(parts[0]!), { partNumber: 1, totalParts: parts.length });
  const applied = await applyWimToDisk(parts[0]!, path.join(scratch, 'from-split.img'), parseGeometry({ size: '64M', filesystem: 'fat32' }), { refs: parts.slice(1) });
  t.is(await hashFile(path.join(await tree, 'random.bin')), await hashBuffer(await readVolumeFile(applied.target, '/random.bin')));
  t.deepEqual(await verifyWim(parts[0]!), { ok: true, parts: parts.length });
  await rm(parts[1]!);
  const target = path.join(scratch, 'from-broken-split.img');
  const error = await t.throwsAsync(applyWimToDisk(parts[0]!, target, parseGeometry({ size: '64M', filesystem: 'fat32' })), { instanceOf: UsageError });
  t.regex(error.message, /Split WIM .*set\.swm is incomplete: part 2 of \d+ missing/);
  t.false((await readdir(scratch)).some((name) => name.includes('from-broken-split')));
});

test('corrupt and truncated WIMs give clear errors naming the file, and verify catches a flipped byte', async (t) => {
  const wim = path.join(scratch, 'good.wim');
  await captureWim(await tree, wim, { compress: 'none', check: true });
  const truncated = path.join(scratch, 'truncated.wim');
  await copyFile(wim, truncated);
  await truncate(truncated, 3000);
  const error = await t.throwsAsync(readWimInfo(truncated), { instanceOf: UsageError });
  t.regex(error.message, /truncated\.wim is not a readable WIM/);
  const notWim = path.join(scratch, 'not.wim');
  await writeFile(notWim, 'definitely not a WIM');
  await t.throwsAsync(applyWimToDisk(notWim, path.join(scratch, 'never.img'), parseGeometry({ size: '64M', filesystem: 'fat32' })), { message: /not\.wim/ });
  t.false((await readdir(scratch)).some((name) => name.includes('never.img')));
  const flipped = path.join(scratch, 'flipped.wim');
  await copyFile(wim, flipped);
  const { open } = await import('node:fs/promises');
  const handle = await open(flipped, 'r+');
  await handle.write(Buffer.from([0x5a]), 0, 1, 1024 ** 2);
  await handle.close();
  const verify = await t.throwsAsync(verifyWim(flipped), { instanceOf: UsageError });
  t.regex(verify.message, /flipped\.wim failed verification/);
});

for (const filesystem of ['fat32', 'ntfs'] as const) {
  test(`non-destructive apply onto ${filesystem}: existing files survive, clashes take the WIM's version`, async (t) => {
    const userFiles = path.join(scratch, `user-${filesystem}`);
    await mkdir(path.join(userFiles, 'Users'), { recursive: true });
    await writeFile(path.join(userFiles, 'Users', 'notes.txt'), 'keep me\n');
    await writeFile(path.join(userFiles, 'marker.txt'), 'old marker\n');
    const disk = path.join(scratch, `keep-${filesystem}.img`);
    await createDisk(disk, parseGeometry({ size: '64M', filesystem }), { fromDir: userFiles });
    const wim = path.join(scratch, `keep-${filesystem}.wim`);
    await captureWim(await tree, wim);
    const result = await applyWimToDisk(wim, disk, parseGeometry({ size: '64M', filesystem }), { keepExisting: true });
    t.deepEqual(result.clashes, ['/MARKER.TXT']);
    t.is(String(await readVolumeFile(disk, '/Users/notes.txt')), 'keep me\n');
    t.is(String(await readVolumeFile(disk, '/MARKER.TXT')), 'marker 1\n');
    t.is((await readVolumeFile(disk, '/random.bin')).length, 3 * 1024 ** 2);
  });
}

/** SHA-256 of a buffer. */
async function hashBuffer(data: Buffer): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(data).digest('hex');
}
