import path from 'node:path';
import test from 'ava';
import { grubModules, makeGrubImage } from '../../../harness/bootloaders/grub-image.js';
import { UsageError } from '../../../harness/errors/errors.js';
import { makeFreshDirs, makeScratch } from '../disks/fixtures.js';

const freshDir = makeFreshDirs(makeScratch());

test('module sets: the disk driver of each firmware plus what reads ext4 on MBR and boots Linux', (t) => {
  t.true(grubModules('i386-pc').includes('biosdisk'));
  t.false(grubModules('x86_64-efi').includes('biosdisk'));
  for (const platform of ['i386-pc', 'x86_64-efi'] as const) {
    for (const module of ['part_msdos', 'ext2', 'linux', 'search_fs_uuid', 'serial', 'normal']) t.true(grubModules(platform).includes(module), `${platform}: ${module}`);
  }
});

test('the prefix names the root partition; a partition number outside 1..4 is refused', async (t) => {
  const dir = await freshDir('image');
  const image = await makeGrubImage({ platform: 'x86_64-efi', output: path.join(dir, 'a.efi'), rootPartition: 3 });
  t.true(image.includes(Buffer.from('(hd0,msdos3)/boot/grub')));
  await t.throwsAsync(makeGrubImage({ platform: 'i386-pc', output: path.join(dir, 'b.img'), rootPartition: 0 }), { instanceOf: UsageError, message: /root partition/ });
});
