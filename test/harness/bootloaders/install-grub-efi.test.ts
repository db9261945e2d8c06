import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { installGrubEfi } from '../../../harness/bootloaders/install-grub-efi.js';
import { UsageError } from '../../../harness/errors/errors.js';
import { makeFreshDirs, makeScratch } from '../disks/fixtures.js';
import { ESP_OFFSET, makeMbrDisk, readBytes } from './fixtures.js';

const freshDir = makeFreshDirs(makeScratch());
const mtools = { env: { MTOOLS_SKIP_CHECK: '1' } };

test('BOOTX64.EFI lands on the ESP fallback path, prefix on the root partition; a second install replaces it', async (t) => {
  const dir = await freshDir('efi');
  const disk = path.join(dir, 'disk.img');
  await makeMbrDisk(disk, { formatEsp: true });
  const mbr = await readBytes(disk, 0, 512);
  const bytes = await installGrubEfi({ disk, espOffsetBytes: ESP_OFFSET, rootPartition: 2 });
  const copy = path.join(dir, 'out.efi');
  await execa('mcopy', ['-i', `${disk}@@${ESP_OFFSET}`, '::/EFI/BOOT/BOOTX64.EFI', copy], mtools);
  const { stdout } = await execa('stat', ['-c', '%s', copy]);
  t.is(Number(stdout), bytes);
  t.deepEqual((await readBytes(copy, 0, 2)).toString('ascii'), 'MZ');
  t.deepEqual(await readBytes(disk, 0, 512), mbr, 'the MBR is not written');
  await installGrubEfi({ disk, espOffsetBytes: ESP_OFFSET, rootPartition: 2 });
  const listing = await execa('mdir', ['-b', '-i', `${disk}@@${ESP_OFFSET}`, '::/EFI/BOOT'], mtools);
  t.is(listing.stdout.trim().split('\n').length, 1, listing.stdout);
});

test('refused: an offset that is not the start of a type 0xef partition', async (t) => {
  const disk = path.join(await freshDir('wrong-offset'), 'disk.img');
  await makeMbrDisk(disk, { formatEsp: true });
  await t.throwsAsync(installGrubEfi({ disk, espOffsetBytes: 512, rootPartition: 2 }), { instanceOf: UsageError, message: /expected the start of a type 0xef partition, got 512/ });
  const root = (2048 + 16384) * 512;
  await t.throwsAsync(installGrubEfi({ disk, espOffsetBytes: root, rootPartition: 2 }), { instanceOf: UsageError, message: /type 0xef/ });
});
