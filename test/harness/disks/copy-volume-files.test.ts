import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { copyVolumeFilesOut, createDisk, parseGeometry } from '../../../harness/disks/index.js';

for (const filesystem of ['fat32', 'ntfs'] as const) {
  test(`${filesystem}: files are copied out of the volume into host files, byte for byte`, async (t) => {
    const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-copyout-'));
    t.teardown(() => rmSync(folder, { recursive: true, force: true }));
    const tree = path.join(folder, 'tree');
    mkdirSync(path.join(tree, 'boot'), { recursive: true });
    const kernel = Buffer.alloc(3 * 1024 * 1024 + 17, 0xa5);
    writeFileSync(path.join(tree, 'boot', 'vmlinux'), kernel);
    writeFileSync(path.join(tree, 'boot', 'loader.img'), 'loader');
    const disk = path.join(folder, 'disk.img');
    await createDisk(disk, parseGeometry({ size: filesystem === 'ntfs' ? '64M' : '300M', filesystem }), { fromDir: tree });
    const out = (name: string) => path.join(folder, name);
    await copyVolumeFilesOut(disk, [{ from: '/boot/vmlinux', to: out('vmlinux') }, { from: 'boot/loader.img', to: out('loader.img') }]);
    t.true(readFileSync(out('vmlinux')).equals(kernel));
    t.is(readFileSync(out('loader.img'), 'utf8'), 'loader');
    await t.throwsAsync(copyVolumeFilesOut(disk, [{ from: '/boot/missing', to: out('x') }]), { message: /Cannot read \/boot\/missing from .*disk\.img/ });
  });
}
