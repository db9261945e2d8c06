import test from 'ava';
import { GRUB_FAILED_LINE, renderGrubConfig, type GrubConfigInput } from '../../../harness/bootloaders/grub-config.js';
import { UsageError } from '../../../harness/errors/errors.js';

const good: GrubConfigInput = {
  kernel: '/boot/vmlinuz-6.1.0-57-amd64', initrd: '/boot/initrd.img-6.1.0-57-amd64',
  rootUuid: '3F1C2B7A-5D4E-4F60-9A8B-7C6D5E4F3A2B', append: ['quiet', 'net.ifnames=1'], timeoutSeconds: 0,
};

test('serial console first, then one entry: search by UUID, linux with root=UUID and ttyS0, initrd', (t) => {
  const lines = renderGrubConfig(good).split('\n');
  t.deepEqual(lines.slice(0, 3), ['serial --unit=0 --speed=115200', 'terminal_input serial console', 'terminal_output serial console']);
  t.true(lines.includes('set timeout=0'));
  t.true(lines.includes('  search --no-floppy --fs-uuid --set=root 3f1c2b7a-5d4e-4f60-9a8b-7c6d5e4f3a2b'));
  t.true(lines.includes('  linux /boot/vmlinuz-6.1.0-57-amd64 root=UUID=3f1c2b7a-5d4e-4f60-9a8b-7c6d5e4f3a2b ro console=ttyS0,115200 quiet net.ifnames=1'));
  t.true(lines.includes('  initrd /boot/initrd.img-6.1.0-57-amd64'));
  t.is(lines.filter((line) => line.startsWith('menuentry')).length, 1);
  // A kernel that did not load ends the boot with a named line, not a wait for a key.
  t.deepEqual(lines.slice(-5, -1), ['  boot', `  echo '${GRUB_FAILED_LINE}'`, '  halt', '}']);
  t.is(renderGrubConfig({ ...good, timeoutSeconds: 5 }).match(/^set timeout=5$/m)?.length, 1);
});

test('no value can add a command to the script', (t) => {
  const refused: [Partial<GrubConfigInput>, RegExp][] = [
    [{ rootUuid: '3f1c2b7a-5d4e-4f60-9a8b-7c6d5e4f3a2b; reboot' }, /root filesystem UUID/],
    [{ rootUuid: 'not-a-uuid' }, /root filesystem UUID/],
    [{ kernel: '/boot/vmlinuz x' }, /kernel path/],
    [{ kernel: "/boot/vmlinuz'" }, /kernel path/],
    [{ initrd: '/boot/initrd\nreboot' }, /initrd path/],
    [{ initrd: 'boot/initrd.img' }, /initrd path.*absolute/],
    [{ append: ['quiet', '$(reboot)'] }, /kernel argument/],
    [{ append: ['a;b'] }, /kernel argument/],
    [{ append: ['a b'] }, /kernel argument/],
    [{ append: ['}'] }, /kernel argument/],
    [{ timeoutSeconds: -1 }, /GRUB timeout/],
    [{ timeoutSeconds: 1.5 }, /GRUB timeout/],
  ];
  for (const [change, message] of refused) {
    t.throws(() => renderGrubConfig({ ...good, ...change }), { instanceOf: UsageError, message }, JSON.stringify(change));
  }
});
