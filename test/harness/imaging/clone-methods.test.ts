import test from 'ava';
import { execa } from 'execa';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../../harness/errors/errors.js';
import { createDisk, parseGeometry, readDiskInfo, readVolumeFile, type Filesystem } from '../../../harness/disks/index.js';
import { cloneMethods } from '../../../harness/imaging/index.js';
import { hashFile, makeScratch, makeTree } from '../disks/fixtures.js';

const scratch = makeScratch();
const tree = makeTree(path.join(scratch, 'tree'));
const masters = new Map<Filesystem, Promise<string>>();

/** One master disk per filesystem, shared by the tests. */
function master(filesystem: Filesystem): Promise<string> {
  if (!masters.has(filesystem)) {
    const disk = path.join(scratch, `master-${filesystem}.img`);
    masters.set(filesystem, tree.then((dir) => createDisk(disk, parseGeometry({ size: '64M', filesystem }), { fromDir: dir })).then(() => disk));
  }
  return masters.get(filesystem)!;
}

for (const filesystem of ['fat16', 'fat32', 'ntfs'] as const) {
  test(`sector clone of ${filesystem}: same size works, larger keeps the old fs size, smaller is refused unless forced`, async (t) => {
    const source = await master(filesystem);
    const before = await hashFile(source);
    const captured = await cloneMethods.sector.capture(source, { out: path.join(scratch, `sector-${filesystem}.raw`) });
    const same = await cloneMethods.sector.apply(captured, path.join(scratch, `sector-${filesystem}-same.img`), parseGeometry({ size: '64M', filesystem }));
    t.deepEqual(same.notes, []);
    t.is(String(await readVolumeFile(same.target, '/MARKER.TXT')), 'marker 1\n');
    const bigger = await cloneMethods.sector.apply(captured, path.join(scratch, `sector-${filesystem}-big.img`), parseGeometry({ size: '96M', filesystem }));
    t.regex(bigger.notes.join('\n'), /filesystem kept its old size/);
    t.is(bigger.info?.fsSizeBytes, captured.sourceInfo?.fsSizeBytes);
    t.true((bigger.info?.partition.sizeBytes ?? 0) > (bigger.info?.fsSizeBytes ?? 0) + 30 * 1024 ** 2);
    const smaller = path.join(scratch, `sector-${filesystem}-small.img`);
    const error = await t.throwsAsync(cloneMethods.sector.apply(captured, smaller, parseGeometry({ size: '48M', filesystem })), { instanceOf: UsageError });
    t.regex(error.message, /source partition has \d+ bytes but the target partition only \d+/);
    t.false((await readdir(scratch)).some((name) => name.includes('sector-' + filesystem + '-small')));
    const forced = await cloneMethods.sector.apply(captured, smaller, parseGeometry({ size: '48M', filesystem }), { force: true });
    t.regex(forced.notes.join('\n'), /truncated \(forced\)/);
    t.true((forced.info?.fsSizeBytes ?? 0) > (forced.info?.partition.sizeBytes ?? 0));
    t.is(await hashFile(source), before);
  });

  test(`used-blocks clone of ${filesystem} stores less than the partition and reads back`, async (t) => {
    const source = await master(filesystem);
    const captured = await cloneMethods['used-blocks'].capture(source, { out: path.join(scratch, `used-${filesystem}.raw`) });
    t.true(captured.storedBytes < (captured.sourceInfo?.partition.sizeBytes ?? 0) / 2, `${captured.storedBytes} stored`);
    t.regex(captured.notes.join(' '), filesystem === 'ntfs' ? /ntfsclone/ : /clonelab's FAT reader/);
    const applied = await cloneMethods['used-blocks'].apply(captured, path.join(scratch, `used-${filesystem}.img`), parseGeometry({ size: '64M', filesystem }));
    t.is((await readVolumeFile(applied.target, '/random.bin')).length, 200_000);
    t.is(String(await readVolumeFile(applied.target, '/Boot/Long File Name.cfg')), 'timeout=0\n'.repeat(100));
    const part = path.join(scratch, `used-${filesystem}.check`);
    await execa('dd', [`if=${applied.target}`, `of=${part}`, 'bs=1M', 'skip=1', 'status=none']);
    await t.notThrowsAsync(execa(filesystem === 'ntfs' ? 'ntfsfix' : 'fsck.fat', ['-n', part]));
  });

  test(`file clone of ${filesystem} onto every other filesystem`, async (t) => {
    const source = await master(filesystem);
    const captured = await cloneMethods.file.capture(source, { out: path.join(scratch, `file-${filesystem}.wim`), compress: 'xpress' });
    for (const target of ['fat16', 'fat32', 'ntfs'] as const) {
      const applied = await cloneMethods.file.apply(captured, path.join(scratch, `file-${filesystem}-to-${target}.img`), parseGeometry({ size: target === 'fat32' ? '40M' : '24M', filesystem: target, label: 'TARGET' }));
      t.is(applied.info?.filesystem, target);
      t.is(applied.info?.label, 'TARGET');
      t.deepEqual(await readVolumeFile(applied.target, '/Boot/Deep/MixedCase.Data'), Buffer.alloc(10_000, 7));
      if (target !== filesystem) t.regex(applied.notes.join(' '), new RegExp(`${filesystem} → ${target}`));
    }
  });

  test(`overlay clone of ${filesystem} is a qcow2 child and never writes the master`, async (t) => {
    const source = await master(filesystem);
    const before = await hashFile(source);
    const captured = await cloneMethods.overlay.capture(source, { out: '' });
    const target = path.join(scratch, `overlay-${filesystem}.qcow2`);
    const applied = await cloneMethods.overlay.apply(captured, target, parseGeometry({ size: '128M', filesystem: 'ntfs' }));
    const info = JSON.parse((await execa('qemu-img', ['info', '--output=json', target])).stdout) as { format: string; 'backing-filename': string; 'backing-filename-format': string };
    t.like(info, { format: 'qcow2', 'backing-filename': path.resolve(source), 'backing-filename-format': 'raw' });
    t.regex(applied.notes.join(' '), /geometry is ignored/);
    await execa('qemu-io', ['-c', 'write -P 0xab 1M 64k', target]);
    t.is(await hashFile(source), before);
  });
}

test('a large NTFS volume captured as files applies onto a small FAT16 disk', async (t) => {
  const big = path.join(scratch, 'big-ntfs.img');
  await createDisk(big, parseGeometry({ size: '512M', filesystem: 'ntfs' }), { fromDir: await tree });
  const captured = await cloneMethods.file.capture(big, { out: path.join(scratch, 'big.wim') });
  const applied = await cloneMethods.file.apply(captured, path.join(scratch, 'small-fat16.img'), parseGeometry({ size: '16M', filesystem: 'fat16' }));
  t.is(applied.info?.diskSizeBytes, 16 * 1024 ** 2);
  t.is((await readVolumeFile(applied.target, '/random.bin')).length, 200_000);
});

test('512 → 4096 sector targets: the file clone adapts, the sector clone is copied as is and says so', async (t) => {
  const source = await master('ntfs');
  const wim = await cloneMethods.file.capture(source, { out: path.join(scratch, 'to4k.wim') });
  const file = await cloneMethods.file.apply(wim, path.join(scratch, 'file-4k.img'), parseGeometry({ size: '64M', filesystem: 'ntfs', sectorSize: 4096 }));
  t.like(file.info, { sectorSize: 4096, fsSectorSize: 4096 });
  t.is(String(await readVolumeFile(file.target, '/MARKER.TXT')), 'marker 1\n');
  const raw = await cloneMethods.sector.capture(source, { out: path.join(scratch, 'to4k.raw') });
  const sector = await cloneMethods.sector.apply(raw, path.join(scratch, 'sector-4k.img'), parseGeometry({ size: '64M', filesystem: 'ntfs', sectorSize: 4096 }));
  t.regex(sector.notes.join(' '), /boot sector says 512 bytes per sector but the target has 4096-byte logical sectors/);
  const info = await readDiskInfo(sector.target);
  t.is(info.fsSectorSize, 512);
});
