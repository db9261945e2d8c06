import test from 'ava';
import { classifyDebianConsole, MAX_CONSOLE_TAIL_CHARS, toBootStop } from '../../../../harness/debian/probe/classify-console.js';

const uuid = '6f1e0b4c-3d2a-4e5f-9a8b-7c6d5e4f3a2b';
// initramfs-tools' scripts/local on a disk its MODULES=dep initrd has no driver for (klibc shell, no busybox).
const initramfsShell = [
  'Loading Linux 6.1.0-41-amd64 ...',
  'Loading initial ramdisk ...',
  'Begin: Loading essential drivers ... done.',
  'Begin: Mounting root file system ... Begin: Running /scripts/local-top ... done.',
  'Begin: Waiting for root file system ... Begin: Running /scripts/local-block ... done.',
  'done.',
  'Gave up waiting for root file system device.  Common problems:',
  ' - Boot args (cat /proc/cmdline)',
  '   - Check rootdelay= (did the system wait long enough?)',
  ' - Missing modules (cat /proc/modules; ls /dev)',
  `ALERT!  UUID=${uuid} does not exist.  Dropping to a shell!`,
  'Rebooting automatically due to panic= boot argument',
].join('\r\n');

const emergency = [
  'Welcome to \u001b[1mDebian GNU/Linux 12 (bookworm)\u001b[0m!',
  '[\u001b[0;1;31m TIME \u001b[0m] Timed out waiting for device \u001b[0;1;39mdev-disk-by\\x2duuid-1A2B\\x2d3C4D.device\u001b[0m - /dev/disk/by-uuid/1A2B-3C4D.',
  '[\u001b[0;1;33mDEPEND\u001b[0m] Dependency failed for \u001b[0;1;39mboot-efi.mount\u001b[0m - /boot/efi.',
  '[\u001b[0;1;33mDEPEND\u001b[0m] Dependency failed for \u001b[0;1;39mlocal-fs.target\u001b[0m - Local File Systems.',
  'You are in emergency mode. After logging in, type "journalctl -xb" to view',
  'system logs, "systemctl reboot" to reboot, "systemctl default" or "exit"',
  'Cannot open access to console, the root account is locked.',
  'See sulogin(8) man page for more details.',
  'Press Enter to continue.',
].join('\n');

test('an initramfs that cannot find its root is the Linux STOP 0x7B, with the missing UUID', (t) => {
  const { stop } = classifyDebianConsole(initramfsShell);
  t.is(stop?.name, 'inaccessible-boot-device');
  t.is(stop?.missingUuid, uuid);
  t.regex(stop?.detail ?? '', /Gave up waiting for root file system device/);
  t.regex(stop?.detail ?? '', new RegExp(`ALERT!  UUID=${uuid} does not exist`));
});

test('the missing root outranks the panic that follows the shell', (t) => {
  const text = `${initramfsShell}\n[   61.2] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100\n`;
  t.is(classifyDebianConsole(text).stop?.name, 'inaccessible-boot-device');
});

test('a kernel panic is named with its message', (t) => {
  const text = [
    '[    2.345678] VFS: Cannot open root device "sda1" or unknown-block(0,0): error -6',
    '[    2.346000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)',
    '[    2.346100] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.1.0-41-amd64 #1  Debian 6.1.158-1',
  ].join('\n');
  t.deepEqual(classifyDebianConsole(text).stop, { name: 'kernel-panic', detail: 'Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)' });
});

test('emergency mode is named with the failing units and the UUID systemd waited for, escapes removed', (t) => {
  const { stop } = classifyDebianConsole(emergency);
  t.is(stop?.name, 'emergency-mode');
  t.is(stop?.missingUuid, '1A2B-3C4D');
  t.regex(stop?.detail ?? '', /^\[ TIME \] Timed out waiting for device dev-disk-by\\x2duuid-1A2B\\x2d3C4D\.device/);
  t.regex(stop?.detail ?? '', /Dependency failed for boot-efi\.mount/);
  t.regex(stop?.detail ?? '', /You are in emergency mode/);
  t.false((stop?.detail ?? '').includes('\u001b'));
});

test('a GRUB error is a boot loader error', (t) => {
  const text = 'SeaBIOS (version 1.16.2-debian-1.16.2-1)\r\nBooting from Hard Disk...\r\nerror: no such device: 6f1e0b4c.\r\nerror: unknown filesystem.\r\nEntering rescue mode...\r\ngrub rescue> ';
  const { stop } = classifyDebianConsole(text);
  t.is(stop?.name, 'boot-loader-error');
  t.is(stop?.detail, 'error: no such device: 6f1e0b4c.\nerror: unknown filesystem.\ngrub rescue>');
});

test('a console without a known end names nothing', (t) => {
  t.deepEqual(classifyDebianConsole('Debian GNU/Linux 12 debian-master ttyS0\n\ndebian-master login: '), {});
  t.deepEqual(classifyDebianConsole(''), {});
});

test('only the tail of a huge console is read', (t) => {
  const text = `${initramfsShell}\n${'x'.repeat(MAX_CONSOLE_TAIL_CHARS)}\nDebian GNU/Linux 12 ttyS0\n`;
  t.deepEqual(classifyDebianConsole(text), {});
});

test('the shared stop name: STOP 0x7B when the disk is missing, stale-root-uuid when the root is there under another UUID', (t) => {
  const stop = classifyDebianConsole(initramfsShell).stop;
  if (!stop) throw new Error('no stop');
  t.is(toBootStop(stop, { rootUuid: uuid.toUpperCase() }).failure, 'stop-0x7b');
  t.is(toBootStop(stop).failure, 'stop-0x7b');
  t.is(toBootStop(stop, { rootUuid: '00000000-0000-4000-8000-000000000000' }).failure, 'stale-root-uuid');
  t.deepEqual(toBootStop({ name: 'emergency-mode', detail: 'd' }), { failure: 'emergency-mode', text: 'd' });
});

test('a console recorded from a real boot: a MODULES=dep initrd built on IDE, booted from virtio-scsi (quiet, panic=-1)', (t) => {
  const root = '73cd4ee1-6379-46a8-90f1-415785ee03f7';
  const recorded = [
    'Gave up waiting for root file system device.  Common problems:',
    ' - Boot args (cat /proc/cmdline)',
    '   - Check rootdelay= (did the system wait long enough?)',
    ' - Missing modules (cat /proc/modules; ls /dev)',
    `ALERT!  UUID=${root} does not exist.  Dropping to a shell!`,
    'Rebooting automatically due to panic= boot argument',
    '[  110.219128] reboot: Restarting system',
    '',
  ].join('\r\n');
  const { stop } = classifyDebianConsole(recorded);
  t.is(stop?.missingUuid, root);
  if (!stop) throw new Error('no stop');
  // The disk is there under the UUID the boot waited for: only its driver is missing.
  t.is(toBootStop(stop, { rootUuid: root }).failure, 'stop-0x7b');
});
