import { chmod, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { findExt4Entry, listExt4Dir, readExt4File, removeExt4Path, writeExt4Files, type Ext4FileWrite } from '../../disks/ext4-files.js';
import { renameOrRemove } from '../../host/atomic.js';
import { copySparse } from '../../host/sparse-copy.js';
import { findLinuxRoot } from '../boot/find-linux-root.js';
import { readEspNames } from './esp-names.js';
import { rewriteRootByLabel } from './root-by-label.js';

// The initramfs the build made with MODULES=most, kept by install before it rebuilt with MODULES=dep.
const KEPT_INITRD = /^initrd\.img-([0-9A-Za-z.+_-]{1,64})\.most$/;
const MAX_INITRD_BYTES = 256 * 1024 * 1024;

/** What generalize changed, for the run's notes. */
export interface GeneralizeReport {
  steps: string[];
}

/**
 * Generalizes a copy of an installed Debian disk offline, as virt-sysprep does for Linux (no VM,
 * no mounts: debugfs on the root filesystem): machine-id back to first-boot state, SSH host keys
 * removed (clonelab-firstboot regenerates them), hostname cleared (first boot names the machine
 * after its new machine-id), NIC configuration by match (`en*`) instead of the install's name,
 * persistent-net rules and DHCP leases removed, and the initramfs made for any controller again
 * (MODULES=most: the build's own initrd, which install kept, goes back), and the root named by
 * its label instead of its UUID (see root-by-label.ts). The image is only read;
 * `out` appears whole or not at all.
 */
export async function generalizeDebian(image: string, out: string, signal?: AbortSignal): Promise<GeneralizeReport> {
  const temporary = `${path.resolve(out)}.generalizing-${process.pid}`;
  try {
    await copySparse(image, temporary, signal);
    await chmod(temporary, ((await stat(image)).mode & 0o777) | 0o200);
    const root = await findLinuxRoot(temporary);
    const at = root.startBytes;
    const steps: string[] = [];
    // A user's image may lack what the lab's Debian has (systemd-networkd's folder, initramfs-tools): a missing folder is no step, not a failure.
    const has = async (file: string) => (await findExt4Entry(temporary, at, file, signal).catch(() => undefined))?.type;
    const writes: Ext4FileWrite[] = [
      { path: '/etc/machine-id', content: Buffer.from('uninitialized\n'), mode: 0o444 },
      { path: '/etc/hostname', content: Buffer.alloc(0), mode: 0o644 },
      ...(await has('/etc/initramfs-tools/conf.d') === 'dir'
        ? [{ path: '/etc/initramfs-tools/conf.d/clonelab.conf', content: Buffer.from('# clonelab generalize: an initramfs for any storage controller\nMODULES=most\n'), mode: 0o644 }] : []),
    ];
    steps.push('machine-id: uninitialized (first boot makes a new one)', 'hostname: cleared (first boot names the machine after its machine-id)');
    const hosts = await readExt4File(temporary, at, '/etc/hosts', { maxBytes: 1024 * 1024, ...(signal ? { signal } : {}) }).catch(() => undefined);
    if (hosts) writes.push({ path: '/etc/hosts', content: Buffer.from(hosts.toString('utf8').split('\n').filter((line) => !/^127\.0\.1\.1\s/.test(line)).join('\n')), mode: 0o644 });
    if (await has('/etc/systemd/network/10-clonelab.network') === 'file') {
      writes.push({ path: '/etc/systemd/network/10-clonelab.network', content: Buffer.from('# clonelab generalize: any Ethernet NIC, whatever its name on this hardware\n[Match]\nName=en*\n\n[Network]\nDHCP=yes\n'), mode: 0o644 });
      steps.push('network: configured by match (Name=en*) instead of the install hardware\'s interface name');
    }
    const kept = (await listExt4Dir(temporary, at, '/var/lib/clonelab', signal).catch(() => [])).find((entry) => KEPT_INITRD.test(entry.name));
    if (kept) {
      const release = KEPT_INITRD.exec(kept.name)?.[1] ?? '';
      const initrd = await readExt4File(temporary, at, kept.path, { maxBytes: MAX_INITRD_BYTES, ...(signal ? { signal } : {}) });
      writes.push({ path: `/boot/initrd.img-${release}`, content: initrd, mode: 0o644 });
      steps.push(`initramfs: MODULES=most (${kept.path} back as /boot/initrd.img-${release})`);
    }
    const byLabel = root.label ? await rewriteRootByLabel(temporary, at, root.uuid, root.label, signal, await readEspNames(temporary, root)) : { writes: [], files: [] };
    writes.push(...byLabel.writes);
    if (byLabel.files.length > 0) steps.push(`root named by its label ${root.label} instead of its UUID in ${byLabel.files.join(', ')} (a file clone's new filesystem keeps the label)`);
    await writeExt4Files(temporary, at, writes, signal);
    for (const dir of ['/etc/ssh', '/var/lib/dhcp', '/etc/udev/rules.d']) {
      const entries = await listExt4Dir(temporary, at, dir, signal).catch(() => []);
      const doomed = entries.filter((entry) => entry.type !== 'dir' && (/^ssh_host_.*_key(\.pub)?$/.test(entry.name) || /\.leases?$/.test(entry.name) || entry.name === '70-persistent-net.rules'));
      for (const entry of doomed) await removeExt4Path(temporary, at, entry.path, signal);
      if (doomed.length > 0) steps.push(`removed ${doomed.map((entry) => entry.path).join(', ')}`);
    }
    await renameOrRemove(temporary, path.resolve(out));
    return { steps };
  } finally {
    await rm(temporary, { force: true });
  }
}
