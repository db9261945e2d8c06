import { open, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { findLinuxRoot } from '../../../../harness/debian/boot/find-linux-root.js';
import { createExt4 } from '../../../../harness/disks/ext4-create.js';
import { runTool } from '../../../../harness/disks/run-tool.js';
import { UsageError } from '../../../../harness/errors/errors.js';
import { makeFatOnlyDisk, makeLinuxDisk, MiB } from '../../../fixtures/linux-disk.js';
import { makeFreshDirs, makeScratch } from '../../disks/fixtures.js';

const freshDir = makeFreshDirs(makeScratch());

test('an MBR disk with an ESP and an ext4 root: the ext4 partition, with its UUID and label', async (t) => {
  const dir = await freshDir('mbr');
  const fixture = await makeLinuxDisk(dir, { files: { '/etc/hostname': 'master\n' }, uuid: 'AABBCCDD-1111-4222-8333-444455556666', label: 'debian-root' });
  const root = await findLinuxRoot(fixture.disk);
  t.is(root.number, 2);
  t.is(root.startBytes, fixture.layout.root.startBytes);
  t.is(root.sizeBytes, fixture.layout.root.sizeBytes);
  t.is(root.typeId, '0x83');
  t.is(root.uuid, 'aabbccdd-1111-4222-8333-444455556666');
  t.is(root.label, 'debian-root');
  t.is(root.layout.table, 'mbr');
  t.is(root.layout.partitions.length, 2);
});

test('a root without a label reads as the empty label', async (t) => {
  const fixture = await makeLinuxDisk(await freshDir('nolabel'), { files: { '/etc/hostname': 'x\n' }, label: '' });
  t.is((await findLinuxRoot(fixture.disk)).label, '');
});

test('a FAT-only disk: a UsageError naming the partitions it found', async (t) => {
  const disk = await makeFatOnlyDisk(await freshDir('fat'));
  const error = await t.throwsAsync(findLinuxRoot(disk), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /has no Linux root filesystem: expected a partition holding ext2\/3\/4, found MBR partitions 1: type 0xef, 35651584 bytes; 2: type 0x83, 68157440 bytes/);
  t.true(error?.message.includes(disk));
});

test('a GPT disk: the ext4 partition by its entry', async (t) => {
  const dir = await freshDir('gpt');
  const disk = path.join(dir, 'gpt.img');
  await writeFile(disk, '');
  await truncate(disk, 64 * MiB);
  await runTool('sfdisk', ['--no-reread', '--no-tell-kernel', '--wipe', 'never', '-q', disk], {
    file: disk, step: 'partition',
    input: 'label: gpt\nunit: sectors\nsector-size: 512\n\nstart=2048, size=8192, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B\nstart=10240, size=90112, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n',
  });
  await createExt4({ disk, offsetBytes: 10240 * 512, sizeBytes: 90112 * 512, uuid: '11111111-2222-4333-8444-555555555555', label: 'gpt-root' });
  const root = await findLinuxRoot(disk);
  t.like(root, { number: 2, startBytes: 10240 * 512, sizeBytes: 90112 * 512, uuid: '11111111-2222-4333-8444-555555555555', label: 'gpt-root' });
  t.is(root.layout.table, 'gpt');
  t.is(root.typeId.toLowerCase(), '0fc63daf-8483-4772-8e79-3d69d8477de4');
});

test('a truncated file: a clear error, not a crash', async (t) => {
  const dir = await freshDir('truncated');
  const short = path.join(dir, 'short.img');
  await writeFile(short, Buffer.alloc(300));
  const error = await t.throwsAsync(findLinuxRoot(short), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /short\.img is not a disk image: no MBR signature/);
  // A table that promises partitions past the end of the file: found nothing Linux, named.
  const fixture = await makeLinuxDisk(await freshDir('cut'), { files: { '/etc/hostname': 'x\n' } });
  await truncate(fixture.disk, 2 * MiB);
  const cut = await t.throwsAsync(findLinuxRoot(fixture.disk), { instanceOf: UsageError });
  t.regex(cut?.message ?? '', /has no Linux root filesystem.*2: type 0x83/);
});

test('a missing file: an error naming it', async (t) => {
  const missing = path.join(await freshDir('missing'), 'nothing.img');
  const error = await t.throwsAsync(findLinuxRoot(missing));
  t.true(error?.message.includes('nothing.img'));
});

test('the largest ext partition is the root', async (t) => {
  const dir = await freshDir('two-ext');
  const disk = path.join(dir, 'two.img');
  await (await open(disk, 'w')).close();
  await truncate(disk, 64 * MiB);
  await runTool('sfdisk', ['--no-reread', '--no-tell-kernel', '--wipe', 'never', '-q', disk], {
    file: disk, step: 'partition', input: 'label: dos\nunit: sectors\n\nstart=2048, size=16384, type=83\nstart=18432, size=90112, type=83\n',
  });
  await createExt4({ disk, offsetBytes: 2048 * 512, sizeBytes: 16384 * 512, label: 'boot' });
  await createExt4({ disk, offsetBytes: 18432 * 512, sizeBytes: 90112 * 512, label: 'big-root' });
  t.like(await findLinuxRoot(disk), { number: 2, label: 'big-root' });
});
