import { open } from 'node:fs/promises';
import test from 'ava';
import { ensureKernelPackage, ensureKernelTree } from '../../../../harness/host/kernel-package.js';

test('the cached kernel package is the versioned package behind linux-image-amd64', async (t) => {
  const kernel = await ensureKernelPackage();
  t.regex(kernel.packageName, /^linux-image-\d[\w.-]*-amd64$/);
  t.regex(kernel.debPath, /\.deb$/);
});

test('the unpacked kernel is an uncompressed ELF with its modules next to it', async (t) => {
  const tree = await ensureKernelTree();
  const handle = await open(tree.vmlinux, 'r');
  const { buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);
  await handle.close();
  t.deepEqual([...buffer], [0x7f, 0x45, 0x4c, 0x46], 'ELF magic: PVH boot needs the uncompressed kernel');
  t.true(tree.modulesDir.endsWith(`lib/modules/${tree.release}`));
});
