import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { findLinuxRoot } from '../../../../harness/debian/boot/find-linux-root.js';
import { readLinuxBootFiles } from '../../../../harness/debian/boot/read-boot-files.js';
import { UsageError } from '../../../../harness/errors/errors.js';
import { makeLinuxDisk, type TreeEntry } from '../../../fixtures/linux-disk.js';
import { makeFreshDirs, makeScratch } from '../../disks/fixtures.js';

const freshDir = makeFreshDirs(makeScratch());
const UUID = '3d2c1b0a-1111-4222-8333-444455556666';

const KERNELS: Record<string, TreeEntry> = {
  '/boot/vmlinuz-6.1.0-9-amd64': 'kernel 9\n',
  '/boot/vmlinuz-6.1.0-10-amd64': 'kernel 10\n',
  '/boot/vmlinuz-6.1.0-2-amd64': 'kernel 2\n',
  '/boot/initrd.img-6.1.0-9-amd64': 'initrd 9\n',
  '/boot/initrd.img-6.1.0-10-amd64': 'initrd 10\n',
  '/boot/config-6.1.0-10-amd64': 'not a kernel\n',
};

async function readFrom(name: string, files: Record<string, TreeEntry>) {
  const dir = await freshDir(name);
  const fixture = await makeLinuxDisk(dir, { files, uuid: UUID });
  const root = await findLinuxRoot(fixture.disk);
  const store = path.join(dir, 'store');
  return { dir, store, disk: fixture.disk, root, files: await readLinuxBootFiles(fixture.disk, root, path.join(dir, 'work'), store) };
}

test('the newest kernel by numeric order (10 after 9 and 2), its initrd, and /etc/kernel/cmdline', async (t) => {
  const { files } = await readFrom('newest', { ...KERNELS, '/etc/kernel/cmdline': `root=UUID=${UUID} ro quiet\n` });
  t.is(files.release, '6.1.0-10-amd64');
  t.is(await readFile(files.kernel, 'utf8'), 'kernel 10\n');
  t.is(await readFile(files.initrd ?? '', 'utf8'), 'initrd 10\n');
  t.is(files.cmdline, `root=UUID=${UUID} ro quiet`);
});

test('no /etc/kernel/cmdline: the grub.cfg linux line of that release, without the kernel path', async (t) => {
  const grub = [
    'menuentry old {', '  linux /boot/vmlinuz-6.1.0-9-amd64 root=/dev/sda9 ro', '}',
    'menuentry new {', `  linux /boot/vmlinuz-6.1.0-10-amd64 root=UUID=${UUID} ro console=ttyS0`, '  initrd /boot/initrd.img-6.1.0-10-amd64', '}', '',
  ].join('\n');
  const { files } = await readFrom('grub', { ...KERNELS, '/boot/grub/grub.cfg': grub });
  t.is(files.cmdline, `root=UUID=${UUID} ro console=ttyS0`);
});

test('neither cmdline nor grub.cfg: root by the filesystem UUID; no initrd when the release has none', async (t) => {
  const { files } = await readFrom('fallback', { '/boot/vmlinuz-5.10.0-1-amd64': 'k\n' });
  t.is(files.cmdline, `root=UUID=${UUID} ro`);
  t.is(files.initrd, undefined);
  t.is(files.release, '5.10.0-1-amd64');
});

test('an empty /etc/kernel/cmdline is no command line: root by UUID', async (t) => {
  const { files } = await readFrom('empty', { ...KERNELS, '/etc/kernel/cmdline': '\n' });
  t.is(files.cmdline, `root=UUID=${UUID} ro`);
});

test('a hostile cmdline: newlines and control bytes become spaces, one printable line', async (t) => {
  const { files } = await readFrom('hostile', { ...KERNELS, '/etc/kernel/cmdline': 'root=LABEL=x ro\n-device evil\r\x1b[2J\x00 init=/bin/sh\t\u00e9nd\n' });
  t.is(files.cmdline, 'root=LABEL=x ro -device evil [2J init=/bin/sh nd');
  t.false(/[^\x20-\x7e]/.test(files.cmdline));
});

test('no kernel in /boot: a UsageError naming what /boot holds', async (t) => {
  const dir = await freshDir('nokernel');
  const fixture = await makeLinuxDisk(dir, { files: { '/boot/config-6.1.0-10-amd64': 'c\n', '/boot/vmlinuz': 'no release\n' } });
  const root = await findLinuxRoot(fixture.disk);
  const error = await t.throwsAsync(readLinuxBootFiles(fixture.disk, root, path.join(dir, 'work'), path.join(dir, 'store')), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /no kernel in \/boot.*expected \/boot\/vmlinuz-<release>, found .*config-6\.1\.0-10-amd64/);
});

test('two reads of the same kernel store one file: the work links are hard links to it', async (t) => {
  const first = await readFrom('store', { ...KERNELS, '/etc/kernel/cmdline': 'ro\n' });
  const secondWork = path.join(first.dir, 'work-2');
  const second = await readLinuxBootFiles(first.disk, first.root, secondWork, first.store);
  const stored = (await readdir(first.store)).sort();
  t.is(stored.length, 2, `kernel and initrd once each: ${stored.join(', ')}`);
  t.true(stored.every((name) => /^sha256-[0-9a-f]{64}$/.test(name)));
  const kernelA = await stat(first.files.kernel);
  const kernelB = await stat(second.kernel);
  t.is(kernelA.ino, kernelB.ino);
  t.is(kernelB.nlink, 3);
  t.is(kernelB.mode & 0o777, 0o444);
  // A second read into the same work folder replaces its links.
  const again = await readLinuxBootFiles(first.disk, first.root, secondWork, first.store);
  t.is((await stat(again.kernel)).ino, kernelA.ino);
  t.is((await readdir(first.store)).length, 2);
});

test('two boots reading the same kernel at once still store it once', async (t) => {
  const first = await readFrom('parallel', { ...KERNELS, '/etc/kernel/cmdline': 'ro\n' });
  const store = path.join(first.dir, 'store-2');
  const [a, b] = await Promise.all([1, 2].map((index) => readLinuxBootFiles(first.disk, first.root, path.join(first.dir, `par-${index}`), store)));
  t.is((await stat(a?.kernel ?? '')).ino, (await stat(b?.kernel ?? '')).ino);
  t.deepEqual((await readdir(store)).filter((name) => !/^sha256-[0-9a-f]{64}$/.test(name)), [], 'no temporary file left');
  t.is((await readdir(store)).length, 2);
});
