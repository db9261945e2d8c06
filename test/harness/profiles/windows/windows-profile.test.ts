import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { findModel } from '../../../../machines/catalog/lookup.js';
import type { HardwareModel } from '../../../../machines/catalog/types.js';
import { parseGeometry } from '../../../../harness/disks/parse-geometry.js';
import { readDiskInfo } from '../../../../harness/disks/read-disk-info.js';
import { UsageError } from '../../../../harness/errors/errors.js';
import { expectedDevices } from '../../../../harness/lifecycle/steps/expected-devices.js';
import { pickIdentity } from '../../../../harness/probe/identity.js';
import type { BootResult, MasterSpec } from '../../../../harness/profiles/types.js';
import { windowsProfile } from '../../../../harness/profiles/windows/windows-profile.js';
import { convertToQcow2, packNtfsDisk, packWim } from '../../../fixtures/windows/windows-images.js';
import { formatMachineSid, WIN10_STORAGE, writeWindowsSystem, type SystemSpec } from '../../../fixtures/windows/windows-system.js';
import { makeFreshDirs, makeScratch } from '../../disks/fixtures.js';

const scratch = makeScratch();
const fresh = makeFreshDirs(scratch);
const SID: [number, number, number] = [101, 202, 303];
const win10: SystemSpec = { nt: '10.0', computerName: 'GOLD-PC', machineSid: SID };
const model = (name: string): HardwareModel => findModel(name)!;
const env = (workDir: string) => ({ accel: 'tcg' as const, bootFileStore: path.join(scratch, 'boot-files'), signal: new AbortController().signal, timeoutMs: 60_000, workDir });
const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
const geometry = parseGeometry({ size: '64M', filesystem: 'ntfs' });

async function makeTree(spec: SystemSpec): Promise<string> {
  const dir = await fresh('tree');
  await writeWindowsSystem(dir, spec);
  return dir;
}

async function makeWim(specs: SystemSpec[]): Promise<string> {
  const wim = path.join(await fresh('wim'), 'install.wim');
  const trees = [];
  for (const [index, spec] of specs.entries()) trees.push({ dir: await makeTree(spec), name: `image-${index + 1}` });
  await packWim(wim, trees);
  return wim;
}

async function install(image: string, geometryOverride = geometry): Promise<{ disk: string; identity?: { value: string }; partitionBytes?: number }> {
  const dir = await fresh('install');
  const disk = path.join(dir, 'master.img');
  const master: MasterSpec = { image, boot: 'direct', install: {} };
  const installed = await windowsProfile.install({ ...env(path.join(dir, 'work')), master, model: model('desktop-e1000'), out: disk, geometry: geometryOverride });
  return { disk, ...installed };
}

async function boot(disk: string, machine: string): Promise<BootResult> {
  const dir = await fresh('boot');
  await mkdir(dir, { recursive: true });
  return windowsProfile.boot({ ...env(dir), master: { boot: 'direct', install: {} }, disk, format: 'raw', model: model(machine) });
}

test('a WIM image becomes an NTFS master of the master geometry; its machine SID is the identity; the WIM is never written', async (t) => {
  const wim = await makeWim([win10]);
  const before = await sha(wim);
  const master = await install(`${wim}:1`);
  t.is(master.identity?.value, formatMachineSid(SID));
  const info = await readDiskInfo(master.disk);
  t.like(info, { filesystem: 'ntfs', diskSizeBytes: 64 * 2 ** 20 });
  t.is(master.partitionBytes, info.partition.sizeBytes);
  t.is(await sha(wim), before);
});

test('a qcow2 disk is copied as it is (disk signature kept), never written; a WIM of two images needs an index; FAT is refused', async (t) => {
  const raw = path.join(await fresh('disk'), 'deployed.img');
  await packNtfsDisk(raw, await makeTree(win10), { table: 'mbr', sectorSize: 512 });
  const qcow2 = raw.replace(/\.img$/, '.qcow2');
  await convertToQcow2(raw, qcow2);
  const before = await sha(qcow2);
  const master = await install(qcow2);
  t.is(master.identity?.value, formatMachineSid(SID));
  t.deepEqual((await readFile(master.disk)).subarray(440, 444), (await readFile(raw)).subarray(440, 444));
  t.is(await sha(qcow2), before);

  const two = await makeWim([win10, { ...win10, computerName: 'OTHER' }]);
  const many = await t.throwsAsync(install(two), { instanceOf: UsageError });
  t.regex(many?.message ?? '', /holds 2 Windows images \(.*install\.wim:1, .*install\.wim:2\): name one/);
  const fat = await t.throwsAsync(install(`${two}:2`, parseGeometry({ size: '64M', filesystem: 'fat32' })), { instanceOf: UsageError });
  t.regex(fat?.message ?? '', /A Windows master is an NTFS volume: the scenario's master geometry asks for fat32/);
});

test('generalize is refused: sysprep runs inside Windows', async (t) => {
  const error = await t.throwsAsync(windowsProfile.generalize({ ...env(scratch), master: { boot: 'direct', install: {} }, model: model('desktop-e1000'), image: 'x', out: 'y', options: { massStorage: false, sidChanger: 'setupcl' } }), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /generalized by sysprep inside Windows/);
});

test('boot = offline inspection: identity items, every device of the model started at its slot, no VM and no MACs', async (t) => {
  const master = await install(`${await makeWim([{ ...win10, nics: [{ matchingDeviceId: 'pci\\ven_8086&dev_100e', description: 'Intel PRO/1000', networkAddress: '525400AABBCC' }] }])}:1`);
  const booted = await boot(master.disk, 'desktop-e1000');
  t.is(booted.vm, undefined);
  t.deepEqual(booted.macs, []);
  t.is(booted.stop, undefined);
  const report = booted.report!;
  t.is(report.setup, 'none');
  t.deepEqual(pickIdentity(report.identity, 'machine-sid'), [formatMachineSid(SID)]);
  t.deepEqual(pickIdentity(report.identity, 'computer-name'), ['GOLD-PC']);
  t.true(pickIdentity(report.identity, 'account-sid').includes(`${formatMachineSid(SID)}-500`));
  t.regex(pickIdentity(report.identity, 'disk-signature')[0] ?? '', /^mbr:[0-9a-f]{8}$/);
  const expected = expectedDevices(model('desktop-e1000'));
  t.deepEqual(report.devices.map((device) => [device.slot, device.vendorDevice, device.status]), expected.map((device) => [device.slot, device.vendorDevice, 'started']));
  t.like(report.nics[0], { overrideMac: '52:54:00:aa:bb:cc', effectiveMac: '52:54:00:aa:bb:cc' });
  t.regex(await readFile(booted.consoleLog!, 'utf8'), /inspected offline \(no VM\)[\s\S]*state: specialized[\s\S]*prediction on desktop-e1000: boots/);
});

test('a generalized image reports its state and no SID, account SIDs or name; a demand-start storage driver is a predicted STOP 0x7B on that model only; no Windows is STOP 0xED', async (t) => {
  const generalized = await install(`${await makeWim([{ nt: '10.0', machineSid: SID, generalized: true }])}:1`);
  t.is(generalized.identity, undefined);
  const report = (await boot(generalized.disk, 'desktop-e1000')).report!;
  t.is(report.setup, 'generalized');
  t.deepEqual(report.identity.map((item) => item.kind), ['disk-signature']);

  const demand = await install(`${await makeWim([{ ...win10, storage: { ...WIN10_STORAGE, storahci: { ...WIN10_STORAGE.storahci!, start: 3 } } }])}:1`);
  const ahci = await boot(demand.disk, 'desktop-ahci');
  t.is(ahci.report, undefined);
  t.is(ahci.stop?.failure, 'stop-0x7b');
  t.regex(ahci.stop?.text ?? '', /^predicted STOP 0x0000007B INACCESSIBLE_BOOT_DEVICE on desktop-ahci: storahci serves .* Start 3 \(demand\); registry: .*Services\\storahci\\Start = 3/);
  t.is((await boot(demand.disk, 'desktop-e1000')).stop, undefined);

  const empty = path.join(await fresh('empty'), 'empty.img');
  await packNtfsDisk(empty, await fresh('empty-tree'), { table: 'mbr', sectorSize: 512 });
  const none = await boot(empty, 'desktop-e1000');
  t.is(none.stop?.failure, 'stop-0xed');
  t.regex(none.stop?.text ?? '', /^predicted STOP 0x000000ED UNMOUNTABLE_BOOT_VOLUME on desktop-e1000: .*no Windows/i);
});
