import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { createDisk, parseGeometry } from '../../../harness/disks/index.js';
import { bootGuest, generalizeGuest } from '../../../harness/guest/index.js';
import { resolveModel } from '../../../harness/hardware/resolve-model.js';
import { installFakeQemu } from '../qemu/fake-qemu.js';

// The QEMU argv of every guest boot (generalize, clone, overlay clone) carries the logical sector
// size of the disk it boots, read from the disk itself. The record-argv fake QEMU records its argv
// and exits at once (the boots then fail for want of a report; only the argv matters here); the
// install boot, which needs the guest kernel, is checked in test/e2e/harness/guest. Serial: one
// argv log. A private cache keeps the probe of the fake out of the user's.
const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-boot-sector-'));
test.after.always(() => rmSync(folder, { recursive: true, force: true }));
const argvFile = path.join(folder, 'argv.jsonl');
process.env.PATH = installFakeQemu(folder, 'record-argv');
process.env.FAKE_ARGV_LOG = argvFile;
process.env.CLONELAB_CACHE = path.join(folder, 'cache');

/** A small FAT16 disk holding (dummy) boot files, with the given logical sector size. */
async function smallDisk(name: string, sectorSize: 512 | 4096): Promise<string> {
  const tree = path.join(folder, `${name}-tree`);
  mkdirSync(path.join(tree, 'boot'), { recursive: true });
  writeFileSync(path.join(tree, 'boot', 'vmlinux'), 'kernel');
  writeFileSync(path.join(tree, 'boot', 'loader.img'), 'loader');
  const disk = path.join(folder, `${name}.img`);
  await createDisk(disk, parseGeometry({ size: '64M', filesystem: 'fat16', sectorSize }), { fromDir: tree });
  return disk;
}

/** The argvs of guest boots recorded since the last call (not the confinement probe's), and a fresh log. */
function takeBootArgvs(): string[][] {
  if (!existsSync(argvFile)) return [];
  const argvs = readFileSync(argvFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]);
  rmSync(argvFile);
  return argvs.filter((entry) => entry.includes('-kernel'));
}

/** The -device option that carries the disk (scsi-hd, or the controller itself for inline disks), in the last boot's argv. */
function diskDevice(): string {
  const argv = takeBootArgvs().at(-1) ?? [];
  const devices = argv.filter((arg, index) => argv[index - 1] === '-device' && arg.includes('drive=disk0'));
  if (devices.length !== 1) throw new Error(`expected one device with drive=disk0, got ${JSON.stringify(devices)}`);
  return devices[0] as string;
}

const work = (name: string): string => path.join(folder, 'work', name);

test.serial('generalize of a 4096-byte-sector disk: the virtio-blk controller carries logical_block_size=4096', async (t) => {
  const disk = await smallDisk('generalize', 4096);
  await t.throwsAsync(generalizeGuest({ image: disk, model: resolveModel('cloud-virtio-blk'), accel: 'tcg', workDir: work('generalize'), timeoutMs: 5000 }), { message: /did not finish/ });
  t.regex(diskDevice(), /^virtio-blk-pci,.*,drive=disk0,logical_block_size=4096,physical_block_size=4096$/);
});

test.serial('a 512-byte-sector disk gets no block size options', async (t) => {
  await bootGuest({ disk: await smallDisk('plain', 512), model: resolveModel('desktop-lsi'), mode: 'normal', accel: 'tcg', workDir: work('plain'), timeoutMs: 5000 });
  t.regex(diskDevice(), /^scsi-hd,/);
  t.false(readFileSync(path.join(work('plain'), 'runqemu.sh'), 'utf8').includes('block_size'));
});

test.serial('an overlay clone of a 4096-byte-sector master boots with the master\'s sector size', async (t) => {
  const master = await smallDisk('overlay-master', 4096);
  const overlay = path.join(folder, 'overlay.qcow2');
  await execa('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', master, overlay]);
  await bootGuest({ disk: overlay, format: 'qcow2', bootFilesFrom: master, model: resolveModel('cloud-virtio-scsi'), mode: 'normal', accel: 'tcg', workDir: work('overlay'), timeoutMs: 5000 });
  t.regex(diskDevice(), /^scsi-hd,.*,logical_block_size=4096,physical_block_size=4096$/);
});

test.serial('a 4096-byte-sector disk on an IDE controller is refused by name before QEMU starts', async (t) => {
  const disk = await smallDisk('ide', 4096);
  await t.throwsAsync(bootGuest({ disk, model: resolveModel('desktop-e1000'), mode: 'normal', accel: 'tcg', workDir: work('ide'), timeoutMs: 5000 }), {
    message: /Invalid logical sector size for a disk on piix3-ide: expected 512 .*got 4096/,
  });
  t.deepEqual(takeBootArgvs(), [], 'QEMU was not started');
});
