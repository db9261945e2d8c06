import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { createDisk, parseGeometry } from '../../../harness/disks/index.js';
import { bootGuest, generalizeGuest, installGuest } from '../../../harness/guest/index.js';
import { resolveModel } from '../../../harness/hardware/resolve-model.js';

// The QEMU argv of every guest boot (install, generalize, clone, overlay clone) carries the
// logical sector size of the disk it boots, read from the disk itself. A fake QEMU on PATH
// records its argv and exits at once (the boots then fail for want of a report; only the argv
// matters here). Serial: the fake writes one argv file.
const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-boot-sector-'));
test.after.always(() => rmSync(folder, { recursive: true, force: true }));
const argvFile = path.join(folder, 'argv.txt');
mkdirSync(path.join(folder, 'bin'));
writeFileSync(path.join(folder, 'bin', 'qemu-system-x86_64'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\nexit 0\n`);
chmodSync(path.join(folder, 'bin', 'qemu-system-x86_64'), 0o755);
process.env.PATH = `${path.join(folder, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`;

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

/** The -device option that carries the disk (scsi-hd, or the controller itself for inline disks). */
function diskDevice(): string {
  const argv = readFileSync(argvFile, 'utf8').split('\n');
  rmSync(argvFile);
  const devices = argv.filter((arg, index) => argv[index - 1] === '-device' && arg.includes('drive=disk0'));
  if (devices.length !== 1) throw new Error(`expected one device with drive=disk0, got ${JSON.stringify(devices)}`);
  return devices[0] as string;
}

const work = (name: string): string => path.join(folder, 'work', name);

test.serial('install on a 4096-byte-sector geometry: the scsi-hd carries logical_block_size=4096', async (t) => {
  const geometry = parseGeometry({ size: '320M', filesystem: 'fat32', sectorSize: 4096 });
  await t.throwsAsync(installGuest({ out: path.join(folder, 'master.img'), model: resolveModel('cloud-virtio-scsi'), geometry, accel: 'tcg', workDir: work('install'), timeoutMs: 5000 }), { message: /did not finish setup/ });
  t.regex(diskDevice(), /^scsi-hd,.*,logical_block_size=4096,physical_block_size=4096$/);
});

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
  t.false(existsSync(argvFile));
});
