import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { makeGrubImage } from '../../../harness/bootloaders/grub-image.js';
import { installGrubBios } from '../../../harness/bootloaders/install-grub-bios.js';
import { UsageError } from '../../../harness/errors/errors.js';
import { makeFreshDirs, makeScratch } from '../disks/fixtures.js';
import { makeMbrDisk, readBytes } from './fixtures.js';

const freshDir = makeFreshDirs(makeScratch());

test('boot.img code into bytes 0..439, core.img from sector 1; partition table and partitions untouched', async (t) => {
  const dir = await freshDir('bios');
  const disk = path.join(dir, 'disk.img');
  await makeMbrDisk(disk);
  const tableBefore = await readBytes(disk, 440, 72);
  const { coreBytes, gapSectors } = await installGrubBios({ disk, rootPartition: 2 });
  t.is(gapSectors, 2047);
  const bootImg = await readFile('/usr/lib/grub/i386-pc/boot.img');
  t.deepEqual(await readBytes(disk, 0, 440), bootImg.subarray(0, 440));
  t.deepEqual(await readBytes(disk, 440, 72), tableBefore);
  const core = await makeGrubImage({ platform: 'i386-pc', output: path.join(dir, 'core.img'), rootPartition: 2 });
  t.is(coreBytes, core.length);
  t.deepEqual(await readBytes(disk, 512, core.length), core);
  // The first partition's bytes were not written.
  t.true((await readBytes(disk, 2048 * 512, 4096)).every((byte) => byte === 0));
  const listing = await execa('sfdisk', ['--dump', disk]);
  t.regex(listing.stdout, /start=\s*2048, size=\s*16384, type=ef/);
});

test('refused: core.img larger than the gap before the first partition, with both sizes named', async (t) => {
  const disk = path.join(await freshDir('small-gap'), 'disk.img');
  await makeMbrDisk(disk, { firstSector: 63 });
  const before = await readBytes(disk, 0, 512);
  const error = await t.throwsAsync(installGrubBios({ disk, rootPartition: 2 }), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /core\.img \(\d+ bytes, \d+ sectors\) does not fit before the first partition .* \(62 free sectors from sector 1\)/);
  t.deepEqual(await readBytes(disk, 0, 512), before, 'nothing written');
});

test('refused: no such partition, no MBR, a GPT disk', async (t) => {
  const dir = await freshDir('refused');
  const disk = path.join(dir, 'disk.img');
  await makeMbrDisk(disk);
  await t.throwsAsync(installGrubBios({ disk, rootPartition: 3 }), { instanceOf: UsageError, message: /has no partition 3: its MBR lists 1 \(type 0xef\), 2 \(type 0x83\)/ });
  await t.throwsAsync(installGrubBios({ disk, rootPartition: 5 }), { instanceOf: UsageError, message: /no partition 5/ });
  const blank = path.join(dir, 'blank.img');
  await execa('truncate', ['-s', '4M', blank]);
  await t.throwsAsync(installGrubBios({ disk: blank, rootPartition: 2 }), { instanceOf: UsageError, message: /has no MBR/ });
  const gpt = path.join(dir, 'gpt.img');
  await execa('truncate', ['-s', '4M', gpt]);
  await execa('sfdisk', ['--quiet', gpt], { input: 'label: gpt\nstart=2048, type=L\n' });
  await t.throwsAsync(installGrubBios({ disk: gpt, rootPartition: 1 }), { instanceOf: UsageError, message: /GPT disk/ });
});
