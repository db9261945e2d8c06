// A small Linux-layout disk (MBR, ESP with a loader file, ext4 root) made with the real tools.
import { chmod, chown, mkdir, open, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createExt4 } from '../../../../harness/disks/ext4-create.js';
import { copyIntoFat } from '../../../../harness/disks/fat-volume.js';
import { computeDebianLayout, formatEsp, writeDebianMbr, type DebianDiskLayout } from '../../../../harness/debian/build/disk-layout.js';

/** 1 MiB. */
export const MiB = 1024 * 1024;
/** The ESP of the fixture (the smallest FAT32 computeDebianLayout takes). */
export const ESP_BYTES = 64 * MiB;
/** Bytes of the fixture's loader file on the ESP. */
export const LOADER = Buffer.from('not really an EFI loader\n');

/** Facts of a fixture disk. */
export interface LinuxFixture {
  disk: string;
  layout: DebianDiskLayout;
  uuid: string;
  label: string;
}

/**
 * Makes `dir/source.img`: an ext4 root holding a symlink, a root-owned 0600 file, a file owned by
 * uid 1000, a setuid file, an empty folder and an fstab naming the root's UUID; an ESP with
 * /EFI/BOOT/BOOTX64.EFI; a recognizable boot code in the MBR.
 */
export async function makeLinuxFixture(dir: string, sizeBytes = 160 * MiB): Promise<LinuxFixture> {
  const uuid = '3d2c1b0a-1111-4222-8333-444455556666';
  const label = 'fixture-root';
  const tree = path.join(dir, 'tree');
  await mkdir(path.join(tree, 'etc'), { recursive: true });
  await mkdir(path.join(tree, 'home', 'user'), { recursive: true });
  await mkdir(path.join(tree, 'empty'));
  await writeFile(path.join(tree, 'etc', 'fstab'), `UUID=${uuid} / ext4 errors=remount-ro 0 1\n`);
  await writeFile(path.join(tree, 'etc', 'shadow'), 'root:*:1:0:99999:7:::\n');
  await chmod(path.join(tree, 'etc', 'shadow'), 0o600);
  await writeFile(path.join(tree, 'home', 'user', 'notes.txt'), 'owned by 1000\n');
  await chown(path.join(tree, 'home', 'user', 'notes.txt'), 1000, 1000);
  await chown(path.join(tree, 'home', 'user'), 1000, 1000);
  await writeFile(path.join(tree, 'su'), 'setuid binary\n');
  await chmod(path.join(tree, 'su'), 0o4755);
  await symlink('/etc/fstab', path.join(tree, 'fstab-link'));
  const esp = path.join(dir, 'esp');
  await mkdir(path.join(esp, 'EFI', 'BOOT'), { recursive: true });
  await writeFile(path.join(esp, 'EFI', 'BOOT', 'BOOTX64.EFI'), LOADER);
  const disk = path.join(dir, 'source.img');
  const layout = computeDebianLayout(sizeBytes, ESP_BYTES);
  await (await open(disk, 'w')).close();
  await truncate(disk, sizeBytes);
  await writeDebianMbr(disk, layout);
  const handle = await open(disk, 'r+');
  await handle.write(Buffer.alloc(440, 0xab), 0, 440, 0);
  await handle.write(Buffer.alloc(512, 0xcd), 0, 512, 512);
  await handle.close();
  await formatEsp(disk, layout);
  await copyIntoFat(disk, layout.esp.startBytes, esp, '/');
  await createExt4({ disk, offsetBytes: layout.root.startBytes, sizeBytes: layout.root.sizeBytes, uuid, label, fromDir: tree });
  return { disk, layout, uuid, label };
}
