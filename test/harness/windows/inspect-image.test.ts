import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { inspectImages } from '../../../harness/windows/inspect-image.js';
import type { ImageInspection } from '../../../harness/windows/types.js';
import { convertToQcow2, packNtfsDisk, packWim } from '../../fixtures/windows/windows-images.js';
import { formatMachineSid, writeWindows9xTree, writeWindowsSystem, type SystemSpec } from '../../fixtures/windows/windows-system.js';
import { hashFile, makeFreshDirs, makeScratch } from '../disks/fixtures.js';

const scratch = makeScratch();
const fresh = makeFreshDirs(scratch);

const XP: SystemSpec = {
  nt: '5.1', computerName: 'XP-MASTER', machineSid: [1111111111, 2222222222, 3333333333],
  nics: [{ matchingDeviceId: 'pci\\ven_8086&dev_100e', description: 'Intel(R) PRO/1000 MT', networkAddress: '52540012AB01' }, { matchingDeviceId: 'pci\\ven_10ec&dev_8139', description: 'Realtek RTL8139' }],
  mountedC: { mbr: { signature: 0x1234abcd, offsetBytes: 32256 } },
};
const WIN10: SystemSpec = { nt: '10.0', computerName: 'DESKTOP-A1', machineSid: [10, 20, 30], mountedC: { gptPartitionGuid: '6f1a2b3c-4d5e-4f60-8172-8394a5b6c7d8' } };

/** Every file's hash and mtime, to prove an image was only read. */
async function fingerprint(file: string): Promise<{ hash: string; mtimeMs: number; size: number }> {
  const facts = await stat(file);
  return { hash: await hashFile(file), mtimeMs: facts.mtimeMs, size: facts.size };
}

async function inspectOne(spec: string): Promise<ImageInspection> {
  const outcome = await inspectImages([spec]);
  if (outcome.failures.length > 0) throw outcome.failures[0]!.error;
  if (outcome.inspections.length !== 1) throw new Error(`${outcome.inspections.length} inspections`);
  return outcome.inspections[0]!;
}

test('an NT 5.1 folder: product, control set, name, SID, accounts, profiles, NIC overrides, MountedDevices, drivers, and nothing written', async (t) => {
  const dir = await fresh('xp');
  const config = await writeWindowsSystem(dir, XP);
  const before = await fingerprint(path.join(config, 'SYSTEM'));
  const image = await inspectOne(dir);
  t.deepEqual(await fingerprint(path.join(config, 'SYSTEM')), before);
  t.like(image, { systemRoot: '\\WINDOWS', ntVersion: '5.1', state: 'specialized', image: { kind: 'folder', label: dir } });
  t.like(image.product, { name: 'Microsoft Windows XP', version: 'Service Pack 3', build: '2600' });
  t.deepEqual(image.controlSet, { value: 'ControlSet001', source: 'SYSTEM\\Select\\Current' });
  t.is(image.computerName?.value, 'XP-MASTER');
  t.deepEqual(image.machineSid, { value: 'S-1-5-21-1111111111-2222222222-3333333333', source: 'SAM\\SAM\\Domains\\Account\\V' });
  t.is(image.policySid?.value, image.machineSid?.value);
  t.is(image.sidMismatch, undefined);
  t.deepEqual(image.accounts.map((account) => [account.name, account.rid, account.sid]), [
    ['Administrator', 500, 'S-1-5-21-1111111111-2222222222-3333333333-500'], ['Guest', 501, 'S-1-5-21-1111111111-2222222222-3333333333-501'], ['tech', 1000, 'S-1-5-21-1111111111-2222222222-3333333333-1000'],
  ]);
  t.deepEqual(image.profiles.map((profile) => profile.sid).sort(), ['S-1-5-18', 'S-1-5-19', 'S-1-5-21-1111111111-2222222222-3333333333-1000', 'S-1-5-21-1111111111-2222222222-3333333333-500']);
  t.deepEqual(image.nics.map((nic) => [nic.instance, nic.matchingDeviceId, nic.overrideMac ?? null]), [['0000', 'pci\\ven_8086&dev_100e', '52:54:00:12:ab:01'], ['0001', 'pci\\ven_10ec&dev_8139', null]]);
  t.deepEqual(image.mountedDevices, [{ name: '\\DosDevices\\C:', mbr: { signature: '1234abcd', offsetBytes: 32256 }, source: 'SYSTEM\\MountedDevices [\\DosDevices\\C:]' }]);
  t.deepEqual(image.services.map((service) => [service.name, service.start]).sort(), [['Disk', 0], ['intelide', 0], ['pciide', 0], ['symc8xx', 4]]);
  const piix = image.drivers.find((driver) => driver.vendor === '8086' && driver.device === '7010');
  t.like(piix, { id: 'pci#ven_8086&dev_7010', service: 'intelide', database: 'critical-device-database' });
  t.deepEqual(piix?.evidence, ['SYSTEM\\ControlSet001\\Control\\CriticalDeviceDatabase\\pci#ven_8086&dev_7010']);
  t.like(image.drivers.find((driver) => driver.classCode === '0101'), { service: 'pciide' });
  t.deepEqual(image.hives.map((hive) => hive.name), ['SYSTEM', 'SOFTWARE', 'SAM', 'SECURITY']);
  t.deepEqual(image.warnings, []);
});

test('the system root is found in any case (WINNT, SYSTEM32\\CONFIG), and a folder that is the system root itself works', async (t) => {
  const dir = await fresh('winnt');
  await writeWindowsSystem(dir, { ...XP, rootName: 'winnt', configDir: 'SYSTEM32/CONFIG' });
  t.is((await inspectOne(dir)).systemRoot, '\\winnt');
  const other = await fresh('odd-root');
  await writeWindowsSystem(other, { ...XP, rootName: 'OS' });
  t.is((await inspectOne(other)).systemRoot, '\\OS');
  const itself = await inspectOne(path.join(dir, 'winnt'));
  t.is(itself.systemRoot, '\\');
  t.is(itself.computerName?.value, 'XP-MASTER');
});

test('a WIM with three images: all three, or one by index; the NT 10 driver database is followed to its services; a generalized image says so', async (t) => {
  const [xp, win10, generalized] = [await fresh('wim-xp'), await fresh('wim-10'), await fresh('wim-gen')];
  await writeWindowsSystem(xp, XP);
  await writeWindowsSystem(win10, WIN10);
  await writeWindowsSystem(generalized, { ...WIN10, computerName: undefined, generalized: true });
  const wim = path.join(await fresh('wim'), 'install.wim');
  await packWim(wim, [{ dir: xp, name: 'XP' }, { dir: win10, name: 'Win10' }, { dir: generalized, name: 'Win10 sysprep' }]);
  const before = await fingerprint(wim);
  const all = await inspectImages([wim]);
  t.deepEqual(all.failures, []);
  t.deepEqual(all.inspections.map((image) => [image.image.label, image.image.index, image.ntVersion, image.state]), [
    [`${wim}:1`, 1, '5.1', 'specialized'], [`${wim}:2`, 2, '10.0', 'specialized'], [`${wim}:3`, 3, '10.0', 'generalized'],
  ]);
  const two = await inspectOne(`${wim}:2`);
  t.like(two, { image: { kind: 'wim', index: 2 }, systemRoot: '\\Windows', computerName: { value: 'DESKTOP-A1' }, hostname: { value: 'DESKTOP-A1' } });
  t.like(two.product, { name: 'Windows 10 Pro', version: '22H2', build: '19045', edition: 'Professional' });
  t.deepEqual(two.mountedDevices.map((device) => device.gptPartitionGuid), ['6F1A2B3C-4D5E-4F60-8172-8394A5B6C7D8']);
  const ahci = two.drivers.find((driver) => driver.vendor === '8086' && driver.device === '2922');
  t.like(ahci, { id: 'PCI\\VEN_8086&DEV_2922', inf: 'storahci.inf', service: 'storahci', database: 'driver-database' });
  t.deepEqual(ahci?.evidence, [
    'SYSTEM\\DriverDatabase\\DeviceIds\\PCI\\VEN_8086&DEV_2922\\storahci.inf',
    'SYSTEM\\DriverDatabase\\DriverInfFiles\\storahci.inf\\Active = storahci.inf_amd64_0123456789abcdef',
    'SYSTEM\\DriverDatabase\\DriverPackages\\storahci.inf_amd64_0123456789abcdef\\Descriptors\\PCI\\VEN_8086&DEV_2922\\Configuration = storahci_Inst',
    'SYSTEM\\DriverDatabase\\DriverPackages\\storahci.inf_amd64_0123456789abcdef\\Configurations\\storahci_Inst\\Service = storahci',
  ]);
  const sysprep = all.inspections[2]!;
  t.is(sysprep.computerName, undefined);
  t.deepEqual(sysprep.stateEvidence, ['SYSTEM\\Setup\\Status\\SysprepStatus\\GeneralizationState = 7', 'SYSTEM\\Setup\\SystemSetupInProgress = 1', 'SYSTEM\\Setup\\CmdLine = oobe\\windeploy.exe']);
  t.deepEqual(await fingerprint(wim), before);
});

for (const table of ['mbr', 'gpt'] as const) {
  for (const sectorSize of [512, 4096] as const) {
    test(`an NTFS disk (${table.toUpperCase()}, ${sectorSize}-byte sectors) is read at its partition's offset, raw and as qcow2, and left as it was`, async (t) => {
      const tree = await fresh(`disk-tree-${table}-${sectorSize}`);
      await writeWindowsSystem(tree, WIN10);
      const folder = await fresh(`disk-${table}-${sectorSize}`);
      const disk = path.join(folder, 'clone.img');
      await packNtfsDisk(disk, tree, { table, sectorSize });
      const before = await fingerprint(disk);
      const image = await inspectOne(disk);
      t.deepEqual(await fingerprint(disk), before);
      t.like(image, { image: { kind: 'disk', label: `${disk} partition 1`, partition: 1 }, computerName: { value: 'DESKTOP-A1' }, machineSid: { value: formatMachineSid(WIN10.machineSid) } });
      const start = sectorSize === 4096 ? 256 * 4096 : 2048 * 512;
      t.like(image.disk, { table, sectorSize, partitionOffset: start });
      if (table === 'mbr') t.regex(image.disk?.signature ?? '', /^[0-9a-f]{8}$/);
      else t.regex(image.disk?.partitionGuid ?? '', /^[0-9A-F-]{36}$/);
      const qcow2 = path.join(folder, 'clone.qcow2');
      await convertToQcow2(disk, qcow2);
      const qcowBefore = await fingerprint(qcow2);
      const fromQcow2 = await inspectOne(qcow2);
      t.deepEqual(await fingerprint(qcow2), qcowBefore);
      t.deepEqual({ ...fromQcow2, image: undefined, inspectMs: 0, warnings: [] }, { ...image, image: undefined, inspectMs: 0, warnings: [] });
    });
  }
}

test('SAM and SECURITY disagreeing on the machine SID is reported; a missing hive is a warning, not a failure', async (t) => {
  const dir = await fresh('mismatch');
  const config = await writeWindowsSystem(dir, { ...XP, policySid: [1, 2, 3] });
  await rm(path.join(config, 'SOFTWARE'));
  const image = await inspectOne(dir);
  t.is(image.sidMismatch, 'SAM\\SAM\\Domains\\Account\\V says S-1-5-21-1111111111-2222222222-3333333333, SECURITY\\Policy\\PolAcDmS\\(default) says S-1-5-21-1-2-3');
  t.deepEqual(image.product, { source: 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' });
  t.deepEqual(image.profiles, []);
  t.true(image.warnings.some((warning) => /no \\WINDOWS\\system32\\config\\SOFTWARE hive: what it holds is not reported/.test(warning)));
  t.true(image.warnings.some((warning) => /the machine SIDs differ/.test(warning)));
});

test('bad images fail one by one with what was expected and what was found; the good ones are still read', async (t) => {
  const plain = await fresh('plain');
  await mkdir(path.join(plain, 'Data'), { recursive: true });
  await writeFile(path.join(plain, 'Data', 'readme.txt'), 'no windows here\n');
  const noWindowsWim = path.join(await fresh('plain-wim'), 'data.wim');
  await packWim(noWindowsWim, [{ dir: plain, name: 'data' }]);
  const noWindowsDisk = path.join(await fresh('plain-disk'), 'data.img');
  await packNtfsDisk(noWindowsDisk, plain, { table: 'mbr', sectorSize: 512 });
  const nineX = await fresh('win98');
  await writeWindows9xTree(nineX);
  const nineXWim = path.join(await fresh('win98-wim'), 'win98.wim');
  await packWim(nineXWim, [{ dir: nineX, name: 'Windows 98' }]);
  const garbage = await fresh('garbage-hive');
  const config = await writeWindowsSystem(garbage, XP);
  await writeFile(path.join(config, 'SYSTEM'), 'this is not a hive');
  const notADisk = path.join(await fresh('not-a-disk'), 'random.img');
  await writeFile(notADisk, Buffer.alloc(64 * 1024, 0x5a));
  const good = await fresh('good');
  await writeWindowsSystem(good, XP);

  const outcome = await inspectImages([noWindowsWim, noWindowsDisk, nineX, nineXWim, garbage, notADisk, `${noWindowsWim}:4`, `${good}:2`, path.join(scratch, 'absent.wim'), good]);
  t.deepEqual(outcome.inspections.map((image) => image.image.label), [good]);
  const messages = outcome.failures.map((failure) => `${failure.ref.label}: ${failure.error.message}`);
  t.is(messages.length, 9);
  t.is(messages[0], `${noWindowsWim}:1: WIM image 1 of ${noWindowsWim} holds no Windows system: expected \\Windows\\System32\\config\\SYSTEM (or \\WINNT\\…, in any case), found at its top: Data.`);
  t.is(messages[1], `${noWindowsDisk}: ${noWindowsDisk} holds no Windows system: no NTFS volume has \\Windows\\System32\\config (or \\WINNT\\…); (partition 1 of ${noWindowsDisk}): found at its top: Data.`);
  t.regex(messages[2]!, /holds a Windows 9x system \(\\WINDOWS\\SYSTEM\.DAT and \\WINDOWS\\USER\.DAT\): Windows 95\/98\/Me keep their registry in SYSTEM\.DAT and USER\.DAT, not in NT hives/);
  t.regex(messages[3]!, /win98\.wim:1: WIM image 1 of .*win98\.wim holds a Windows 9x system/);
  t.is(messages[4], `${garbage}: Cannot read the registry hive ${garbage} \\WINDOWS\\system32\\config\\SYSTEM: expected a registry hive starting with "regf", found "this".`);
  t.regex(messages[5]!, /random\.img is not a disk image: no MBR signature 0x55AA at byte 510\./);
  t.is(messages[6], `${noWindowsWim}:4: ${noWindowsWim} has 1 image(s) (1): there is no image 4.`);
  t.is(messages[7], `${good}:2: ${good} is a folder: an image index (:2) is for a WIM.`);
  t.regex(messages[8]!, /Cannot open image .*absent\.wim: ENOENT/);
});

test('a WIM whose second image holds no Windows: the first is read, the second refused on its own', async (t) => {
  const windows = await fresh('mixed-windows');
  await writeWindowsSystem(windows, WIN10);
  const data = await fresh('mixed-data');
  await mkdir(path.join(data, 'Sources'), { recursive: true });
  await writeFile(path.join(data, 'Sources', 'setup.txt'), 'not a system\n');
  const wim = path.join(await fresh('mixed'), 'mixed.wim');
  await packWim(wim, [{ dir: windows, name: 'Windows' }, { dir: data, name: 'data' }]);
  const outcome = await inspectImages([wim]);
  t.deepEqual(outcome.inspections.map((image) => image.image.label), [`${wim}:1`]);
  t.deepEqual(outcome.failures.map((failure) => [failure.ref.label, failure.error.message]), [[`${wim}:2`, `WIM image 2 of ${wim} holds no Windows system: expected \\Windows\\System32\\config\\SYSTEM (or \\WINNT\\…, in any case), found at its top: Sources.`]]);
});
