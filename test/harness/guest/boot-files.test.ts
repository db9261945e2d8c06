import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { createDisk, parseGeometry } from '../../../harness/disks/index.js';
import { stageBootFiles } from '../../../harness/guest/boot-files.js';

async function makeVolume(folder: string, name: string, kernel: Buffer, filesystem: 'fat32' | 'ntfs'): Promise<string> {
  const tree = path.join(folder, `${name}-tree`);
  mkdirSync(path.join(tree, 'boot'), { recursive: true });
  writeFileSync(path.join(tree, 'boot', 'vmlinux'), kernel);
  writeFileSync(path.join(tree, 'boot', 'loader.img'), `loader of ${name}`);
  const disk = path.join(folder, `${name}.img`);
  await createDisk(disk, parseGeometry({ size: filesystem === 'ntfs' ? '64M' : '300M', filesystem }), { fromDir: tree });
  return disk;
}

const stored = (store: string): string[] => readdirSync(store).filter((name) => name.startsWith('sha256-'));

for (const filesystem of ['fat32', 'ntfs'] as const) {
  test(`${filesystem}: each boot gets the bytes of its own volume's kernel; identical kernels are stored once and linked`, async (t) => {
    const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-bootfiles-'));
    t.teardown(() => rmSync(folder, { recursive: true, force: true }));
    const kernelA = Buffer.alloc(2 * 1024 * 1024 + 5, 0xa5);
    const kernelB = Buffer.from(kernelA);
    kernelB[1000] = 0x5a; // same size, one byte different: only the content tells them apart
    const one = await makeVolume(folder, 'one', kernelA, filesystem);
    const two = await makeVolume(folder, 'two', kernelA, filesystem);
    const other = await makeVolume(folder, 'other', kernelB, filesystem);
    const store = path.join(folder, 'store');
    const boot = async (disk: string, dir: string) => {
      mkdirSync(path.join(folder, dir));
      const files = [{ from: '/boot/vmlinux', to: path.join(folder, dir, 'vmlinux') }, { from: '/boot/loader.img', to: path.join(folder, dir, 'loader.img') }];
      return (await stageBootFiles(disk, files, store)).staged;
    };
    const first = await boot(one, 'boot1');
    t.deepEqual(first.map((file) => file.written), [true, true]);
    const second = await boot(two, 'boot2');
    t.is(second[0]?.written, false, 'an identical kernel is not written again');
    t.is(second[0]?.sha256, first[0]?.sha256);
    t.is(statSync(path.join(folder, 'boot1', 'vmlinux')).ino, statSync(path.join(folder, 'boot2', 'vmlinux')).ino, 'both boot folders link one stored copy');
    t.is(stored(store).length, 3, 'one kernel and two different loaders');
    const third = await boot(other, 'boot3');
    t.is(third[0]?.written, true);
    t.not(third[0]?.sha256, first[0]?.sha256);
    t.true(readFileSync(path.join(folder, 'boot3', 'vmlinux')).equals(kernelB), 'the other volume boots its own kernel');
    t.true(readFileSync(path.join(folder, 'boot1', 'vmlinux')).equals(kernelA));
    t.is(readFileSync(path.join(folder, 'boot3', 'loader.img'), 'utf8'), 'loader of other');
    t.is(stored(store).length, 5);
    t.is(third[0]?.sizeBytes, kernelB.length);
    await t.throwsAsync(stageBootFiles(one, [{ from: '/boot/missing', to: path.join(folder, 'x') }], store), { message: /Cannot read \/boot\/missing from .*one\.img/ });
    t.deepEqual(readdirSync(store).filter((name) => !name.startsWith('sha256-')), [], 'no half-written file is left in the store');
  });
}

test('boots that start at once with one new kernel write it once and share it', async (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-bootfiles-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  const kernel = Buffer.alloc(1024 * 1024 + 3, 0x33);
  const disks = await Promise.all(['a', 'b', 'c'].map((name) => makeVolume(folder, name, kernel, 'fat32')));
  const store = path.join(folder, 'store');
  const staged = await Promise.all(disks.map((disk, index) => stageBootFiles(disk, [{ from: '/boot/vmlinux', to: path.join(folder, `vmlinux-${index}`) }], store)));
  t.is(staged.filter((entry) => entry.staged[0]?.written).length, 1, 'one boot wrote the kernel');
  t.is(new Set([0, 1, 2].map((index) => statSync(path.join(folder, `vmlinux-${index}`)).ino)).size, 1);
  t.is(stored(store).length, 1);
});
