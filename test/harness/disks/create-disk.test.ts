import test from 'ava';
import { execa } from 'execa';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ClonelabError, UsageError } from '../../../harness/errors/errors.js';
import { copyIntoVolume, createDisk, extractVolume, listVolume, parseGeometry, readDiskInfo, readVolumeFile, extractPartitionFile } from '../../../harness/disks/index.js';
import { makeScratch, makeTree } from './fixtures.js';

const scratch = makeScratch();
const tree = makeTree(path.join(scratch, 'tree'));

const cases = [
  { filesystem: 'fat16', table: 'mbr', sectorSize: 512, typeId: '0x0e' },
  { filesystem: 'fat32', table: 'gpt', sectorSize: 512, typeId: 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7' },
  { filesystem: 'fat16', table: 'mbr', sectorSize: 4096, typeId: '0x0e' },
  { filesystem: 'ntfs', table: 'mbr', sectorSize: 512, typeId: '0x07' },
  { filesystem: 'ntfs', table: 'gpt', sectorSize: 4096, typeId: 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7' },
] as const;

for (const c of cases) {
  test(`compose and read back ${c.filesystem} on ${c.table} with ${c.sectorSize}-byte sectors`, async (t) => {
    const disk = path.join(scratch, `${c.filesystem}-${c.table}-${c.sectorSize}.img`);
    const info = await createDisk(disk, parseGeometry({ size: '64M', filesystem: c.filesystem, table: c.table, sectorSize: c.sectorSize, label: 'LABTEST' }), { fromDir: await tree });
    t.like(info, { table: c.table, sectorSize: c.sectorSize, filesystem: c.filesystem, label: 'LABTEST', fsSectorSize: c.sectorSize, partition: { startBytes: 1024 ** 2, typeId: c.typeId } });
    t.true(info.fsSizeBytes <= info.partition.sizeBytes && info.fsSizeBytes > info.partition.sizeBytes - 256 * 1024);
    t.regex(info.serial, c.filesystem === 'ntfs' ? /^[0-9A-F]{16}$/ : /^[0-9A-F]{8}$/);
    // The table as other tools read it.
    const fdisk = await execa('fdisk', ['-b', String(c.sectorSize), '-l', disk]);
    t.regex(fdisk.stdout, new RegExp(`Disklabel type: ${c.table === 'mbr' ? 'dos' : 'gpt'}`));
    t.regex(fdisk.stdout, new RegExp(`img1\\s+\\*?\\s*${c.sectorSize === 512 ? 2048 : 256}\\s`));
    // The volume as its own checker reads it.
    const part = path.join(scratch, `${path.basename(disk)}.part`);
    await extractPartitionFile(disk, info.partition, part);
    if (c.filesystem === 'ntfs') await t.notThrowsAsync(execa('ntfsfix', ['-n', part]));
    else await t.notThrowsAsync(execa('fsck.fat', ['-n', part]));
    const root = await listVolume(disk);
    t.deepEqual(root.map((entry) => `${entry.type}:${entry.name}`).sort(), ['dir:Boot', 'file:MARKER.TXT', 'file:random.bin']);
    t.is(root.find((entry) => entry.name === 'random.bin')?.size, 200_000);
    const boot = await listVolume(disk, '/Boot');
    t.true(boot.some((entry) => entry.name === 'Long File Name.cfg' && entry.type === 'file'));
    t.deepEqual(await readVolumeFile(disk, 'Boot/Deep/MixedCase.Data'), Buffer.alloc(10_000, 7));
    const out = path.join(scratch, `${path.basename(disk)}.out`);
    await extractVolume(disk, out);
    t.deepEqual(await readFile(path.join(out, 'random.bin')), await readFile(path.join(await tree, 'random.bin')));
    t.deepEqual((await readdir(path.join(out, 'Boot'))).sort(), ['Deep', 'Long File Name.cfg']);
  });
}

for (const filesystem of ['fat32', 'ntfs'] as const) {
  test(`copyIntoVolume adds and overwrites files on ${filesystem}, keeping the serial`, async (t) => {
    const disk = path.join(scratch, `copy-in-${filesystem}.img`);
    const before = await createDisk(disk, parseGeometry({ size: '64M', filesystem }), { fromDir: await tree });
    const extra = path.join(scratch, `extra-${filesystem}`);
    await mkdir(path.join(extra, 'New'), { recursive: true });
    await writeFile(path.join(extra, 'MARKER.TXT'), 'replaced\n');
    await writeFile(path.join(extra, 'New', 'file.txt'), 'new\n');
    await copyIntoVolume(disk, extra, '/');
    t.is(String(await readVolumeFile(disk, '/MARKER.TXT')), 'replaced\n');
    t.is(String(await readVolumeFile(disk, '/New/file.txt')), 'new\n');
    t.is((await readVolumeFile(disk, '/random.bin')).length, 200_000);
    await copyIntoVolume(disk, extra, '/Sub/Dir');
    t.is(String(await readVolumeFile(disk, '/Sub/Dir/New/file.txt')), 'new\n');
    // Into folders that exist now (the copy used to fail on FAT: mmd exits 1 on an existing folder).
    await writeFile(path.join(extra, 'New', 'file.txt'), 'again\n');
    await copyIntoVolume(disk, extra, '/Sub/Dir');
    t.is(String(await readVolumeFile(disk, '/Sub/Dir/New/file.txt')), 'again\n');
    await t.throwsAsync(copyIntoVolume(disk, extra, '/MARKER.TXT/inside'), { message: /MARKER\.TXT/ });
    t.is((await readDiskInfo(disk)).serial, before.serial);
  });
}

test('a file that is not a disk gives a clear error naming it', async (t) => {
  const notDisk = path.join(scratch, 'notes.txt');
  await writeFile(notDisk, 'hello'.repeat(2000));
  const error = await t.throwsAsync(readDiskInfo(notDisk), { instanceOf: UsageError });
  t.regex(error.message, /notes\.txt is not a disk image: no MBR signature/);
  await t.throwsAsync(listVolume(path.join(scratch, 'missing.img')), { message: /Cannot open disk image .*missing\.img: ENOENT/ });
});

for (const filesystem of ['fat16', 'ntfs'] as const) {
  test(`a ${filesystem} target too small for the files fails clearly and leaves nothing behind`, async (t) => {
    const big = path.join(scratch, `big-${filesystem}`);
    await makeTree(big, 20 * 1024 ** 2);
    const alone = path.join(scratch, `alone-${filesystem}`);
    await mkdir(alone);
    const disk = path.join(alone, `small-${filesystem}.img`);
    const error = await t.throwsAsync(createDisk(disk, parseGeometry({ size: filesystem === 'ntfs' ? '10M' : '8M', filesystem }), { fromDir: big }), { instanceOf: ClonelabError });
    t.regex(error.message, /small-.*\.img.*too small for the files/);
    t.is(await stat(disk).catch(() => undefined), undefined);
    t.deepEqual(await readdir(alone), []);
  });
}

test('fromDir that is not a folder is refused up front', async (t) => {
  await t.throwsAsync(createDisk(path.join(scratch, 'x.img'), parseGeometry({ size: '64M', filesystem: 'fat32' }), { fromDir: path.join(scratch, 'nope') }), { message: /Cannot fill a volume from .*nope: it is not a folder/ });
});
