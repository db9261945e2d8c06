import { stat } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import tmp from 'tmp';
import { buildDebianSystem } from '../../../../harness/debian/build/build-system.js';
import { composeDebianDisk } from '../../../../harness/debian/build/compose-disk.js';
import { readExt4Uuid } from '../../../../harness/disks/ext4-create.js';
import { findExt4Entry, readExt4File } from '../../../../harness/disks/ext4-files.js';
import { cacheDir } from '../../../../harness/host/cache-dir.js';
import { ensureKernelPackage } from '../../../../harness/host/kernel-package.js';

// The real build: mmdebstrap from the Debian mirror into the default cache (later tests and runs
// reuse it). Cold it takes minutes under TCG-era hosts (network, dpkg, one initramfs), warm a second.

test('the Debian system builds into the cache with the cached kernel, and composes into a disk whose root holds it', async (t) => {
  t.timeout(40 * 60_000, 'mmdebstrap builds the Debian system');
  const system = await buildDebianSystem({ cacheDir: cacheDir(), log: (line) => t.log(line) });
  t.log(`build: ${system.builtNow ? 'cold' : 'cached'}, ${system.seconds} s, key ${system.key}, tar ${((await stat(system.tar)).size / 2 ** 20).toFixed(0)} MiB`);
  const kernel = await ensureKernelPackage();
  t.is(`linux-image-${system.kernelRelease}`, kernel.packageName);
  const again = await buildDebianSystem({ cacheDir: cacheDir() });
  t.false(again.builtNow);
  t.is(again.key, system.key);

  const scratch = tmp.dirSync({ unsafeCleanup: true, prefix: 'clonelab-debian-' });
  t.teardown(() => scratch.removeCallback());
  const started = Date.now();
  const facts = await composeDebianDisk({ system, out: path.join(scratch.name, 'debian.img'), files: [{ path: '/etc/hostname', content: 'master\n', mode: 0o644 }, { path: '/lib/systemd/system/clonelab-test.service', content: '[Unit]\n', mode: 0o644 }] });
  const blocks = (await stat(facts.disk)).blocks * 512;
  t.log(`compose: ${((Date.now() - started) / 1000).toFixed(1)} s, disk ${facts.root.startBytes / 2 ** 20 + facts.root.sizeBytes / 2 ** 20} MiB, ${(blocks / 2 ** 20).toFixed(0)} MiB allocated`);
  t.is(await readExt4Uuid(facts.disk, facts.root.startBytes), facts.root.uuid);
  const root = facts.root.startBytes;
  t.like(await findExt4Entry(facts.disk, root, facts.kernel), { type: 'file' });
  const initrd = await findExt4Entry(facts.disk, root, facts.initrd);
  t.like(initrd, { type: 'file' });
  t.true((initrd?.size ?? 0) > 5_000_000, `initrd of ${initrd?.size ?? 0} bytes`);
  t.like(await findExt4Entry(facts.disk, root, '/usr/sbin/init'), { type: 'symlink' });
  t.like(await findExt4Entry(facts.disk, root, '/usr/sbin/sshd'), { type: 'file' });
  t.like(await findExt4Entry(facts.disk, root, `/usr/lib/modules/${facts.kernelRelease}/modules.dep`), { type: 'file' });
  t.is((await readExt4File(facts.disk, root, '/etc/hostname')).toString(), 'master\n');
  // Debian 12 is merged-/usr: /lib is a symlink to usr/lib, and files written through it land there.
  t.is((await readExt4File(facts.disk, root, '/usr/lib/systemd/system/clonelab-test.service')).toString(), '[Unit]\n');
  t.regex((await readExt4File(facts.disk, root, '/etc/fstab')).toString(), new RegExp(`^UUID=${facts.root.uuid} / ext4 `, 'm'));
  // mmdebstrap leaves /etc/machine-id empty: "no identity yet" (the install boot makes one).
  t.is((await readExt4File(facts.disk, root, '/etc/machine-id')).length, 0);
});
