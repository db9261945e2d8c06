import test from 'ava';
import { rewriteRootByLabel, ROOT_LABEL } from '../../../../harness/debian/generalize/root-by-label.js';
import { makeLinuxDisk } from '../../../fixtures/linux-disk.js';
import { makeFreshDirs, makeScratch } from '../../disks/fixtures.js';

const freshDir = makeFreshDirs(makeScratch());
const UUID = '3d2c1b0a-1111-4222-8333-444455556666';
const BOOT_UUID = '99999999-8888-4777-8666-555555555555';

test('fstab, kernel cmdline and grub.cfg name the root by label; other filesystems keep their UUIDs', async (t) => {
  const grub = [
    'if [ x$feature_platform_search_hint = xy ]; then',
    `  search --no-floppy --fs-uuid --set=root --hint-bios=hd0,msdos2 --hint-efi=hd0,msdos2  ${UUID.toUpperCase()}`,
    'else',
    `  search --no-floppy --fs-uuid --set=root ${UUID}`,
    'fi',
    `search --no-floppy --fs-uuid --set=boot ${BOOT_UUID}`,
    `linux /vmlinuz root=UUID=${UUID} ro`,
    '',
  ].join('\n');
  const fixture = await makeLinuxDisk(await freshDir('label'), {
    uuid: UUID, label: ROOT_LABEL,
    files: {
      '/etc/fstab': `UUID=${UUID} / ext4 defaults 0 1\nUUID=${BOOT_UUID} /boot ext4 defaults 0 2\n`,
      '/etc/kernel/cmdline': `root=UUID=${UUID} ro\n`,
      '/boot/grub/grub.cfg': grub,
    },
  });
  const { writes, files } = await rewriteRootByLabel(fixture.disk, fixture.layout.root.startBytes, UUID, ROOT_LABEL);
  t.deepEqual(files, ['/etc/fstab', '/etc/kernel/cmdline', '/boot/grub/grub.cfg']);
  const text = Object.fromEntries(writes.map((write) => [write.path, (write.content as Buffer).toString()]));
  t.is(text['/etc/fstab'], `LABEL=debian-root / ext4 defaults 0 1\nUUID=${BOOT_UUID} /boot ext4 defaults 0 2\n`);
  t.is(text['/etc/kernel/cmdline'], 'root=LABEL=debian-root ro\n');
  t.is(text['/boot/grub/grub.cfg'], [
    'if [ x$feature_platform_search_hint = xy ]; then',
    '  search --no-floppy --label --set=root --hint-bios=hd0,msdos2 --hint-efi=hd0,msdos2  debian-root',
    'else',
    '  search --no-floppy --label --set=root debian-root',
    'fi',
    `search --no-floppy --fs-uuid --set=boot ${BOOT_UUID}`,
    'linux /vmlinuz root=LABEL=debian-root ro',
    '',
  ].join('\n'));
  t.true(writes.every((write) => write.mode === 0o644));
});

test('files that do not name the root by UUID, or are missing, are not written', async (t) => {
  const fixture = await makeLinuxDisk(await freshDir('none'), { uuid: UUID, files: { '/etc/fstab': 'LABEL=debian-root / ext4 defaults 0 1\n' } });
  t.deepEqual(await rewriteRootByLabel(fixture.disk, fixture.layout.root.startBytes, UUID, ROOT_LABEL), { writes: [], files: [] });
});
