import { lstat, open } from 'node:fs/promises';
import path from 'node:path';

// Where a Debian system names its root filesystem by UUID.
const NAMING_FILES = ['etc/fstab', 'boot/grub/grub.cfg', 'etc/default/grub', 'etc/kernel/cmdline', 'etc/crypttab', 'etc/initramfs-tools/conf.d/resume'];
const READ_MAX_BYTES = 1024 * 1024;

/**
 * The files of a host tree that name `uuid` (read bounded; symlinks are not followed, the tree
 * comes from an image). After a file clone onto a new UUID they are stale: the boot fails.
 */
export async function findFilesNamingUuid(tree: string, uuid: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of NAMING_FILES) {
    const where = path.join(tree, file);
    const info = await lstat(where).catch(() => undefined);
    if (!info?.isFile()) continue;
    const handle = await open(where, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(info.size, READ_MAX_BYTES));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      if (buffer.subarray(0, bytesRead).toString('latin1').toLowerCase().includes(uuid.toLowerCase())) found.push(`/${file}`);
    } finally {
      await handle.close();
    }
  }
  return found;
}
