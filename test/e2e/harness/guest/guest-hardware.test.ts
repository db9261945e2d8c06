import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { copyIntoVolume, readVolumeFile } from '../../../../harness/disks/index.js';
import { summarizeReport } from '../../../../harness/guest/index.js';
import { type GuestScratch, makeGuestScratch } from './guest-lifecycle.js';

// Real QEMU: the organic incompatibilities of the reference guest, and the scenario options.
let scratch: GuestScratch;
test.before(async () => {
  scratch = await makeGuestScratch();
});
// The FAT16 install with a pinned NIC address and no bochs driver, made once by whichever test asks first.
let pinning: ReturnType<GuestScratch['install']> | undefined;
const installPinned = (): ReturnType<GuestScratch['install']> => (pinning ??= scratch.install('desktop-e1000', 'fat16', 'pinned', { pinnedMacs: [{ slot: 2, mac: '02:00:00:00:00:42' }], omitDrivers: ['bochs'] }));
test.after.always(async () => {
  if (scratch) await rm(scratch.dir, { recursive: true, force: true });
});

test.serial('rtl8139 with 8139too recorded (older chip revision) reports problem 10', async (t) => {
  const { outcome } = await scratch.install('desktop-rtl8139-oldrev', 'fat32', 'oldrev');
  const nic = outcome.report?.devices.find((device) => device.slot === '00:02.0');
  t.like(nic, { recordedDriver: '8139too', boundDriver: null, status: 'problem', problem: 10 });
  t.like(outcome.report?.nics[0], { interface: null, up: false });
});

test.serial('vmware-svga reports problem 10, the rest of the ESX model starts', async (t) => {
  const { outcome } = await scratch.install('esx-pvscsi', 'fat32', 'esx');
  t.deepEqual(summarizeReport(outcome.report).problems, ['00:04.0 15ad:0405 problem 10']);
  t.like(outcome.report?.devices.find((device) => device.slot === '00:05.0'), { boundDriver: 'vmw_pvscsi', status: 'started' });
});

test.serial('options: a pinned NIC address is recorded and applied; a store without bochs leaves the VGA at problem 28', async (t) => {
  const { outcome } = await installPinned();
  t.like(outcome.report?.nics[0], { overrideMac: '02:00:00:00:00:42', mac: '02:00:00:00:00:42', hardwareMac: outcome.macs[0] });
  t.deepEqual(summarizeReport(outcome.report).problems, ['00:04.0 1234:1111 problem 28']);
  t.is(outcome.report?.volumes[0]?.filesystem, 'fat16');
});

test.serial('a loader without the filesystem driver finds the volume but cannot mount it: STOP 0xED', async (t) => {
  const broken = await scratch.copy((await installPinned()).disk, 'unmountable');
  // Like a system whose boot-start filesystem driver is gone: the loader keeps only busybox and the disk driver.
  const overlay = path.join(scratch.dir, 'unmountable-overlay');
  await mkdir(path.join(overlay, 'boot'), { recursive: true });
  const pieces = await Promise.all(['base', 'stor-ata_piix'].map((piece) => readVolumeFile(broken, `/boot/pieces/${piece}.img`)));
  await writeFile(path.join(overlay, 'boot', 'loader.img'), Buffer.concat(pieces));
  await copyIntoVolume(broken, overlay, '/');
  const outcome = await scratch.boot(broken, 'desktop-e1000', 'unmountable');
  t.is(outcome.stop, '0x000000ED');
  t.is(outcome.report?.stop?.name, 'UNMOUNTABLE_BOOT_VOLUME');
  t.regex(outcome.report?.stop?.detail ?? '', /vfat could not mount/);
});
