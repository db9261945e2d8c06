import type { Ext4FileWrite } from '../../disks/ext4-files.js';
import { readExt4File } from '../../disks/ext4-files.js';

/** The label the lab's Debian masters give their root filesystem. */
export const ROOT_LABEL = 'debian-root';

/**
 * Rewrites what names the root filesystem by its UUID (fstab's `/` line, the kernel command line,
 * grub.cfg's search and `root=`) to name it by label: a file clone gets a new filesystem with a
 * new UUID and the same label, and still boots. Without this step (a master that was not
 * generalized) those UUIDs go stale on such a clone: the organic failure the lab shows.
 */
export async function rewriteRootByLabel(disk: string, offset: number, uuid: string, label: string, signal?: AbortSignal, others: readonly { uuid: string; label: string }[] = []): Promise<{ writes: Ext4FileWrite[]; files: string[] }> {
  const byUuid = new RegExp(`UUID=${uuid}`, 'gi');
  // Other filesystems fstab names (the ESP, by its FAT serial): by label too, for the same reason.
  const othersByLabel = (text: string): string => others.reduce((edited, other) => edited.replace(new RegExp(`UUID=${other.uuid.replace(/[^0-9A-Za-z-]/g, '')}(?=\\s)`, 'gi'), `LABEL=${other.label}`), text);
  const writes: Ext4FileWrite[] = [];
  const read = (file: string) => readExt4File(disk, offset, file, { maxBytes: 1024 * 1024, ...(signal ? { signal } : {}) }).then((data) => data.toString('utf8'), () => undefined);
  const edits: { file: string; edit: (text: string) => string }[] = [
    { file: '/etc/fstab', edit: (text) => othersByLabel(text.replace(byUuid, `LABEL=${label}`)) },
    { file: '/etc/kernel/cmdline', edit: (text) => text.replace(byUuid, `LABEL=${label}`) },
    {
      file: '/boot/grub/grub.cfg',
      // Only the root's own search (grub-mkconfig puts --hint options before the UUID); another filesystem's search (a /boot) stays.
      edit: (text) => text.replace(new RegExp(`^(\\s*search\\b[^\\n]*?)--fs-uuid\\b([^\\n]*?\\s)${uuid}(?=\\s|$)`, 'gim'), (_line, before: string, after: string) => `${before}--label${after}${label}`)
        .replace(byUuid, `LABEL=${label}`),
    },
  ];
  for (const { file, edit } of edits) {
    const text = await read(file);
    if (text === undefined) continue;
    const edited = edit(text);
    if (edited !== text) writes.push({ path: file, content: Buffer.from(edited), mode: 0o644 });
  }
  return { writes, files: writes.map((write) => write.path) };
}
