import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { findExt4Entry, listExt4Dir, readExt4File, writeExt4File } from '../../../../harness/disks/ext4-files.js';
import { findLinuxRoot } from '../../../../harness/debian/boot/find-linux-root.js';
import { readEspNames } from '../../../../harness/debian/generalize/esp-names.js';
import { generalizeDebian } from '../../../../harness/debian/generalize/generalize-debian.js';
import { makeFatOnlyDisk, makeLinuxDisk } from '../../../fixtures/linux-disk.js';
import { hashFile, makeFreshDirs, makeScratch } from '../../disks/fixtures.js';

const freshDir = makeFreshDirs(makeScratch());
const UUID = '3d2c1b0a-1111-4222-8333-444455556666';
const RELEASE = '6.1.0-10-amd64';

/** An installed Debian root as install leaves it. */
function installedTree(): Record<string, string> {
  return {
    '/etc/machine-id': `${'0123456789abcdef'.repeat(2)}\n`,
    '/etc/ssh/ssh_host_ed25519_key': 'private ed25519\n',
    '/etc/ssh/ssh_host_ed25519_key.pub': 'ssh-ed25519 AAAA master\n',
    '/etc/ssh/ssh_host_rsa_key': 'private rsa\n',
    '/etc/ssh/ssh_host_rsa_key.pub': 'ssh-rsa AAAA master\n',
    '/etc/ssh/sshd_config': 'PermitRootLogin no\n',
    '/etc/hostname': 'master\n',
    '/etc/hosts': '127.0.0.1\tlocalhost\n127.0.1.1\tmaster\n::1\tlocalhost ip6-localhost\n',
    '/etc/systemd/network/10-clonelab.network': '[Match]\nName=enp0s2\n\n[Network]\nDHCP=yes\n',
    [`/var/lib/clonelab/initrd.img-${RELEASE}.most`]: 'initramfs made with MODULES=most\n',
    [`/boot/initrd.img-${RELEASE}`]: 'initramfs made with MODULES=dep\n',
    [`/boot/vmlinuz-${RELEASE}`]: 'kernel\n',
    '/etc/initramfs-tools/initramfs.conf': 'MODULES=dep\n',
    '/etc/initramfs-tools/conf.d/resume': 'RESUME=none\n',
    '/etc/initramfs-tools/conf.d/clonelab.conf': '# Written by clonelab install: an initramfs for this hardware only.\nMODULES=dep\n',
    '/etc/fstab': `UUID=${UUID} / ext4 errors=remount-ro 0 1\nUUID=ABCD-1234 /boot/efi vfat umask=0077,nofail 0 2\n`,
    '/etc/kernel/cmdline': `root=UUID=${UUID} ro console=ttyS0,115200\n`,
    '/boot/grub/grub.cfg': `menuentry clonelab {\n  search --no-floppy --fs-uuid --set=root ${UUID}\n  linux /boot/vmlinuz-${RELEASE} root=UUID=${UUID} ro\n}\n`,
    '/var/lib/dhcp/dhclient.enp0s2.leases': 'lease {}\n',
    '/etc/udev/rules.d/70-persistent-net.rules': 'SUBSYSTEM=="net"\n',
    '/etc/udev/rules.d/99-keep.rules': '# kept\n',
  };
}

test('an installed Debian disk, generalized: first-boot state, network by match, initrd back, root by label; the source untouched', async (t) => {
  const dir = await freshDir('installed');
  const fixture = await makeLinuxDisk(dir, { files: installedTree(), uuid: UUID, label: 'debian-root' });
  const before = await hashFile(fixture.disk);
  const out = path.join(dir, 'generalized.img');
  const report = await generalizeDebian(fixture.disk, out);
  t.is(await hashFile(fixture.disk), before, 'the installed master is only read');
  const at = fixture.layout.root.startBytes;
  const read = async (file: string) => (await readExt4File(out, at, file)).toString('utf8');
  t.is(await read('/etc/machine-id'), 'uninitialized\n');
  t.like(await findExt4Entry(out, at, '/etc/machine-id'), { mode: 0o444 });
  t.is(await read('/etc/hostname'), '');
  t.is(await read('/etc/hosts'), '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n');
  const network = await read('/etc/systemd/network/10-clonelab.network');
  t.regex(network, /^Name=en\*$/m);
  t.false(network.includes('enp0s2'));
  t.is(await read(`/boot/initrd.img-${RELEASE}`), 'initramfs made with MODULES=most\n');
  const conf = await read('/etc/initramfs-tools/conf.d/clonelab.conf');
  t.regex(conf, /^MODULES=most$/m);
  t.false(conf.includes('MODULES=dep'));
  t.is(await read('/etc/initramfs-tools/conf.d/resume'), 'RESUME=none\n');
  t.is(await read('/etc/fstab'), 'LABEL=debian-root / ext4 errors=remount-ro 0 1\nUUID=ABCD-1234 /boot/efi vfat umask=0077,nofail 0 2\n');
  t.is(await read('/etc/kernel/cmdline'), 'root=LABEL=debian-root ro console=ttyS0,115200\n');
  const grub = await read('/boot/grub/grub.cfg');
  t.regex(grub, /search --no-floppy --label --set=root debian-root/);
  t.regex(grub, /root=LABEL=debian-root ro/);
  t.false(grub.includes(UUID));
  const ssh = (await listExt4Dir(out, at, '/etc/ssh')).map((entry) => entry.name);
  t.deepEqual(ssh, ['sshd_config']);
  t.deepEqual((await listExt4Dir(out, at, '/var/lib/dhcp')).map((entry) => entry.name), []);
  t.deepEqual((await listExt4Dir(out, at, '/etc/udev/rules.d')).map((entry) => entry.name), ['99-keep.rules']);
  t.true(report.steps.some((step) => step.includes('Name=en*')));
  t.true(report.steps.some((step) => step.includes('LABEL') || step.includes('label debian-root')));
  t.deepEqual((await readdir(dir)).filter((name) => name.includes('generalizing')), []);
});

test('a disk without the lab\'s network file, initramfs-tools or kept initrd (a user\'s image) still generalizes', async (t) => {
  const dir = await freshDir('bare');
  const fixture = await makeLinuxDisk(dir, {
    files: { '/etc/machine-id': `${'f'.repeat(32)}\n`, '/etc/hostname': 'own\n', '/etc/fstab': `UUID=${UUID} / ext4 defaults 0 1\n` }, uuid: UUID, label: 'cloudimg-rootfs',
  });
  const out = path.join(dir, 'out.img');
  const report = await generalizeDebian(fixture.disk, out);
  const at = fixture.layout.root.startBytes;
  t.is((await readExt4File(out, at, '/etc/machine-id')).toString(), 'uninitialized\n');
  t.is((await readExt4File(out, at, '/etc/fstab')).toString(), 'LABEL=cloudimg-rootfs / ext4 defaults 0 1\n');
  t.false(report.steps.some((step) => step.includes('Name=en*')));
  t.false(report.steps.some((step) => step.includes('MODULES=most')));
});

test('a root without a label keeps its UUIDs', async (t) => {
  const dir = await freshDir('nolabel');
  const fixture = await makeLinuxDisk(dir, { files: installedTree(), uuid: UUID, label: '' });
  const out = path.join(dir, 'out.img');
  await generalizeDebian(fixture.disk, out);
  t.regex((await readExt4File(out, fixture.layout.root.startBytes, '/etc/fstab')).toString(), new RegExp(`^UUID=${UUID} /`));
});

test('a generalize that fails half way leaves no `out` and no temporary file; the source is unchanged', async (t) => {
  const dir = await freshDir('fails');
  // /etc/hostname is a folder: writing the cleared hostname fails after the copy and the reads.
  const files: Record<string, string> = { ...installedTree(), '/etc/hostname/inside': 'x\n' };
  delete files['/etc/hostname'];
  const fixture = await makeLinuxDisk(dir, { files, uuid: UUID });
  const before = await hashFile(fixture.disk);
  const out = path.join(dir, 'out.img');
  await t.throwsAsync(generalizeDebian(fixture.disk, out));
  t.false(existsSync(out));
  t.deepEqual((await readdir(dir)).filter((name) => name.includes('generalizing')), []);
  t.is(await hashFile(fixture.disk), before);
});

test('a disk without a Linux root: no `out`', async (t) => {
  const dir = await freshDir('not-linux');
  const disk = await makeFatOnlyDisk(dir);
  const out = path.join(dir, 'out.img');
  await t.throwsAsync(generalizeDebian(disk, out), { message: /no Linux root filesystem/ });
  t.false(existsSync(out));
});

test('the ESP that fstab names by its FAT serial is named by its label: a file clone formats a new ESP with a new serial and the same label', async (t) => {
  const dir = await freshDir('esp-label');
  const fixture = await makeLinuxDisk(dir, { files: { '/etc/machine-id': `${'a'.repeat(32)}\n`, '/etc/fstab': 'placeholder\n' } });
  const root = await findLinuxRoot(fixture.disk);
  const [esp] = await readEspNames(fixture.disk, root);
  t.like(esp, { label: 'ESP' });
  t.regex(esp?.uuid ?? '', /^[0-9A-F]{4}-[0-9A-F]{4}$/);
  await writeExt4File(fixture.disk, root.startBytes, '/etc/fstab', Buffer.from(`UUID=${fixture.uuid} / ext4 defaults 0 1\nUUID=${esp?.uuid} /boot/efi vfat umask=0077,nofail 0 2\n`));
  const out = path.join(dir, 'generalized.img');
  await generalizeDebian(fixture.disk, out);
  t.is((await readExt4File(out, root.startBytes, '/etc/fstab')).toString(), 'LABEL=debian-root / ext4 defaults 0 1\nLABEL=ESP /boot/efi vfat umask=0077,nofail 0 2\n');
});
