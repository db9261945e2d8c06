import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { findModel } from '../../../machines/catalog/lookup.js';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { inspectImages } from '../../../harness/windows/inspect-image.js';
import { predictModels, type ModelPrediction } from '../../../harness/windows/predict-boot.js';
import type { DriverMatch, ImageInspection } from '../../../harness/windows/types.js';
import { WIN10_STORAGE, writeWindowsSystem, type SystemSpec } from '../../fixtures/windows/windows-system.js';
import { makeScratch } from '../disks/fixtures.js';

const scratch = makeScratch();
let count = 0;

async function inspectFixture(spec: SystemSpec): Promise<ImageInspection> {
  const dir = path.join(scratch, `${count++}-system`);
  await mkdir(dir, { recursive: true });
  await writeWindowsSystem(dir, spec);
  const outcome = await inspectImages([dir]);
  if (outcome.failures[0]) throw outcome.failures[0].error;
  return outcome.inspections[0]!;
}

const model = (name: string): HardwareModel => {
  const found = findModel(name);
  if (!found) throw new Error(`no model ${name}`);
  return found;
};
const byModel = (predictions: readonly ModelPrediction[]): Record<string, string> => Object.fromEntries(predictions.map((prediction) => [prediction.model, `${prediction.outcome}${prediction.failures.includes('problem-28') ? '+28' : ''}`]));

test('a storage driver present but demand-start predicts STOP 0x7B on the model with that controller, and on no other', async (t) => {
  const win10 = { nt: '10.0', computerName: 'W10', machineSid: [1, 2, 3] } as const satisfies SystemSpec;
  const bootStart = predictModels(hardwareCatalog, await inspectFixture({ ...win10, machineSid: [1, 2, 3] }));
  const demandStart = predictModels(hardwareCatalog, await inspectFixture({ ...win10, machineSid: [1, 2, 3], storage: { ...WIN10_STORAGE, pvscsi: { ...WIN10_STORAGE.pvscsi!, start: 3 } } }));
  const before = byModel(bootStart);
  const after = byModel(demandStart);
  t.is(before['esx-pvscsi'], 'boots+28');
  t.is(after['esx-pvscsi'], 'stop-0x7b+28');
  t.deepEqual(Object.keys(after).filter((name) => after[name] !== before[name]), ['esx-pvscsi']);
  const pvscsi = demandStart.find((prediction) => prediction.model === 'esx-pvscsi')!.devices.find((device) => device.kind === 'storage')!;
  t.like(pvscsi, { qemu: 'pvscsi', pci: '15ad:07c0', verdict: 'stop-0x7b', service: 'pvscsi', start: 3, match: 'hardware-id' });
  t.is(pvscsi.reason, 'pvscsi serves PCI\\VEN_15AD&DEV_07C0 (class 0100) (by vendor and device) but is not boot-start: Start 3 (demand)');
  t.deepEqual(pvscsi.evidence, [
    'SYSTEM\\DriverDatabase\\DeviceIds\\PCI\\VEN_15AD&DEV_07C0\\pvscsi.inf',
    'SYSTEM\\DriverDatabase\\DriverInfFiles\\pvscsi.inf\\Active = pvscsi.inf_amd64_0123456789abcdef',
    'SYSTEM\\DriverDatabase\\DriverPackages\\pvscsi.inf_amd64_0123456789abcdef\\Descriptors\\PCI\\VEN_15AD&DEV_07C0\\Configuration = pvscsi_Inst',
    'SYSTEM\\DriverDatabase\\DriverPackages\\pvscsi.inf_amd64_0123456789abcdef\\Configurations\\pvscsi_Inst\\Service = pvscsi',
    'SYSTEM\\ControlSet001\\Services\\pvscsi\\Start = 3',
  ]);
});

test('NT 5.1: IDE boots through the CriticalDeviceDatabase, AHCI and virtio have no entry, a disabled miniport is no boot driver; NICs cannot be told', async (t) => {
  const xp = await inspectFixture({ nt: '5.1', computerName: 'XP', machineSid: [4, 5, 6] });
  const predictions = predictModels(['desktop-e1000', 'desktop-ahci', 'desktop-lsi', 'cloud-virtio-blk'].map(model), xp);
  t.deepEqual(byModel(predictions), { 'desktop-e1000': 'boots', 'desktop-ahci': 'stop-0x7b', 'desktop-lsi': 'stop-0x7b', 'cloud-virtio-blk': 'stop-0x7b' });
  const [ide, ahci, lsi] = predictions.map((prediction) => prediction.devices.find((device) => device.kind === 'storage')!);
  t.like(ide, { verdict: 'boots', service: 'intelide', match: 'hardware-id', evidence: ['SYSTEM\\ControlSet001\\Control\\CriticalDeviceDatabase\\pci#ven_8086&dev_7010', 'SYSTEM\\ControlSet001\\Services\\intelide\\Start = 0'] });
  t.like(ahci, { verdict: 'stop-0x7b', match: 'none', reason: 'no boot-critical driver for PCI\\VEN_8086&DEV_2922 (class 0106) in the CriticalDeviceDatabase' });
  t.like(lsi, { verdict: 'stop-0x7b', service: 'symc8xx', start: 4 });
  t.regex(lsi!.reason, /Start 4 \(disabled\)/);
  const nic = predictions[0]!.devices.find((device) => device.kind === 'nic')!;
  t.like(nic, { verdict: 'unknown' });
  t.deepEqual(predictions[0]!.failures, []);
});

test('NT 10: a NIC without a driver is problem 28, video falls back on the class driver, an IDE model on the chipset controller boots', async (t) => {
  const win10 = await inspectFixture({ nt: '10.0', computerName: 'W10', machineSid: [7, 8, 9] });
  const [e1000, rtl] = predictModels([model('desktop-e1000'), model('desktop-rtl8139')], win10);
  t.deepEqual(e1000!.failures, []);
  t.like(e1000!.devices.find((device) => device.kind === 'nic'), { verdict: 'driver', service: 'E1G60', match: 'hardware-id' });
  t.like(e1000!.devices.find((device) => device.kind === 'video'), { verdict: 'driver', service: 'BasicDisplay', match: 'class' });
  t.deepEqual(rtl!.failures, ['problem-28']);
  t.like(rtl!.devices.find((device) => device.kind === 'nic'), { verdict: 'problem-28', pci: '10ec:8139', reason: 'no driver for PCI\\VEN_10EC&DEV_8139 (class 0200) in SYSTEM\\DriverDatabase\\DeviceIds\\PCI' });
});

// Edge cases on inspections made by hand: no hive needed.
function inspection(drivers: DriverMatch[], services: ImageInspection['services']): ImageInspection {
  return {
    image: { label: 'hand', kind: 'folder', path: 'hand' }, systemRoot: '\\Windows', hives: [], product: { source: 'x' }, controlSet: { value: 'ControlSet001', source: 'x' },
    state: 'specialized', stateEvidence: [], accounts: [], profiles: [], nics: [], mountedDevices: [], services, drivers, warnings: [], inspectMs: 0,
  };
}

test('a driver entry whose service has no key predicts STOP 0x7B (not installed); an entry the registry does not follow to a service cannot be told', (t) => {
  const ahci = model('desktop-ahci');
  const missing = predictModels([ahci], inspection([{ id: 'PCI\\VEN_8086&DEV_2922', vendor: '8086', device: '2922', service: 'storahci', evidence: ['k'], database: 'driver-database' }], []));
  t.like(missing[0], { outcome: 'stop-0x7b' });
  t.is(missing[0]!.devices.find((device) => device.kind === 'storage')!.reason, 'storahci serves PCI\\VEN_8086&DEV_2922 (class 0106) (by vendor and device) but has no key under Services: the driver is not installed');
  const unresolved = predictModels([ahci], inspection([{ id: 'PCI\\VEN_8086&DEV_2922', vendor: '8086', device: '2922', inf: 'oem3.inf', evidence: ['k'], database: 'driver-database' }], []));
  t.is(unresolved[0]!.outcome, 'unknown');
  t.false(unresolved[0]!.failures.includes('stop-0x7b'));
  const none = predictModels([ahci], inspection([], []));
  t.like(none[0], { outcome: 'unknown' });
  t.regex(none[0]!.devices[0]!.reason + none[0]!.devices.at(-1)!.reason, /neither a CriticalDeviceDatabase nor a DriverDatabase/);
});

test('a hardware-ID match wins over a class match: a demand-start vendor driver is STOP 0x7B even when a class driver boots', (t) => {
  const ahci = model('workstation-q35-ahci');
  const image = inspection([
    { id: 'pci#ven_8086&dev_2922', vendor: '8086', device: '2922', service: 'iaStor', evidence: ['a'], database: 'critical-device-database' },
    { id: 'pci#cc_0106', classCode: '0106', service: 'msahci', evidence: ['b'], database: 'critical-device-database' },
  ], [{ name: 'iaStor', start: 3, source: 's1' }, { name: 'msahci', start: 0, source: 's2' }]);
  t.like(predictModels([ahci], image)[0]!.devices.find((device) => device.kind === 'storage'), { verdict: 'stop-0x7b', service: 'iaStor', match: 'hardware-id' });
  const classOnly = inspection([image.drivers[1]!], image.services);
  t.like(predictModels([ahci], classOnly)[0]!.devices.find((device) => device.kind === 'storage'), { verdict: 'boots', service: 'msahci', match: 'class' });
});
