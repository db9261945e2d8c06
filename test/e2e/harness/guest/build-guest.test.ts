import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { UsageError } from '../../../../harness/errors/errors.js';
import { buildGuest } from '../../../../harness/guest/build-guest.js';
import { stageTree } from '../../../../harness/guest/stage-tree.js';

// Real builder on the cached Debian kernel (the first run builds the tree; later runs hit the cache).

test('the fresh tree has the OS layout, a loader per piece, and a driver store with its index', async (t) => {
  const tree = await buildGuest();
  for (const file of ['boot/vmlinux', 'boot/loader.img', 'boot/pieces/base.img', 'boot/pieces/fs-fat.img', 'boot/pieces/fs-ntfs.img',
    'boot/pieces/stor-ata_piix.img', 'boot/pieces/stor-virtio_blk.img', 'system/drivers/modules.dep', 'system/drivers/index',
    'system/os/boot.sh', 'system/setup-pending', 'users/Default/readme.txt']) {
    t.true(existsSync(path.join(tree.root, file)), file);
  }
  t.false(existsSync(path.join(tree.root, 'system', 'registry')), 'a fresh system has no install-time record');
  const index = await readFile(path.join(tree.root, 'system/drivers/index'), 'utf8');
  t.regex(index, /^alias pci:v00008086d0000100Esv\*sd\*bc\*sc\*i\* e1000$/m);
  t.regex(index, /^alias virtio:d00000001v\* virtio_net$/m);
  t.true(index.indexOf(' 8139cp\n') < index.indexOf(' 8139too\n'), 'the registry driver wins the rtl8139 tie');
  const dep = await readFile(path.join(tree.root, 'system/drivers/modules.dep'), 'utf8');
  for (const line of dep.trim().split('\n')) {
    for (const file of line.replace(':', '').split(' ')) t.true(existsSync(path.join(tree.root, 'system/drivers', file)), file);
  }
  // Size budgets: a FAT loader (base, FAT, the largest storage piece) ≤ 4 MB; an NTFS loader
  // (which also keeps the FAT piece, see setup.sh) ≤ 6 MB.
  const largestStorage = Math.max(...Object.entries(tree.pieceSizes).filter(([name]) => name.startsWith('stor-')).map(([, size]) => size));
  const sizes = tree.pieceSizes;
  const fatLoader = (sizes.base ?? 0) + (sizes['fs-fat'] ?? 0) + largestStorage;
  t.true(fatLoader <= 4 * 1024 * 1024);
  t.true(fatLoader + (sizes['fs-ntfs'] ?? 0) <= 6 * 1024 * 1024);
  for (const size of Object.values(tree.pieceSizes)) t.is(size % 4, 0, 'pieces are padded so that any concatenation unpacks');
  t.is((await buildGuest()).root, tree.root, 'the same inputs give the cached tree');
});

test('a staged tree without a driver drops its file and index lines, and leaves the cached tree alone', async (t) => {
  const tree = await buildGuest();
  const dir = await mkdtemp(path.join(tmpdir(), 'clonelab-stage-'));
  try {
    const staged = await stageTree(tree.root, path.join(dir, 'tree'), ['bochs']);
    const index = await readFile(path.join(staged, 'system/drivers/index'), 'utf8');
    t.notRegex(index, / bochs$/m);
    t.regex(index, / e1000$/m);
    t.notRegex(await readFile(path.join(staged, 'system/drivers/modules.dep'), 'utf8'), /bochs\.ko/);
    t.regex(await readFile(path.join(tree.root, 'system/drivers/index'), 'utf8'), / bochs$/m, 'the cache still has it');
    t.true((await stat(path.join(tree.root, 'system/drivers/modules.dep'))).size > 0);
    await t.throwsAsync(stageTree(tree.root, path.join(dir, 'tree2'), ['nosuchdriver']), { instanceOf: UsageError, message: /driver to omit/ });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
