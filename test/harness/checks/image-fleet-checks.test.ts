import { copyFile, cp } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { runImageFleetChecks } from '../../../harness/checks/image-fleet-checks.js';
import type { CheckResult } from '../../../harness/checks/types.js';
import { inspectImages } from '../../../harness/windows/inspect-image.js';
import type { ImageInspection } from '../../../harness/windows/types.js';
import { packNtfsDisk } from '../../fixtures/windows/windows-images.js';
import { writeWindowsSystem, type SystemSpec } from '../../fixtures/windows/windows-system.js';
import { makeFreshDirs, makeScratch } from '../disks/fixtures.js';

const scratch = makeScratch();
const fresh = makeFreshDirs(scratch);

const MASTER: SystemSpec = {
  nt: '10.0', computerName: 'GOLD-01', machineSid: [3000000001, 3000000002, 3000000003],
  nics: [{ matchingDeviceId: 'pci\\ven_8086&dev_100e', description: 'Intel(R) PRO/1000 MT', networkAddress: '525400C0FFEE' }],
};

async function inspectAll(specs: string[]): Promise<ImageInspection[]> {
  const outcome = await inspectImages(specs);
  if (outcome.failures[0]) throw outcome.failures[0].error;
  return outcome.inspections;
}

const byId = (checks: CheckResult[]): Record<string, CheckResult> => Object.fromEntries(checks.map((check) => [check.id, check]));

test('two file copies of one image that was not generalized share SID, computer name and pinned MAC, with the registry as evidence; a third, generalized, image is not counted', async (t) => {
  const master = await fresh('master');
  await writeWindowsSystem(master, MASTER);
  const [cloneA, cloneB] = [await fresh('clone-a'), await fresh('clone-b')];
  await cp(master, cloneA, { recursive: true });
  await cp(master, cloneB, { recursive: true });
  const sysprepped = await fresh('generalized');
  await writeWindowsSystem(sysprepped, { ...MASTER, computerName: undefined, generalized: true });
  const images = await inspectAll([cloneA, cloneB, sysprepped]);
  t.deepEqual(images.map((image) => image.state), ['specialized', 'specialized', 'generalized']);
  const checks = byId(runImageFleetChecks(images, images[0]));
  const sid = 'S-1-5-21-3000000001-3000000002-3000000003';
  t.like(checks['machine-sid-unique'], { status: 'fail', failures: ['duplicate-machine-sid'], summary: `1 duplicated machine SIDs: ${sid} on ${cloneA}, ${cloneB}; not reported by 1 clone(s): ${sysprepped}` });
  t.deepEqual(checks['machine-sid-unique']?.evidence.duplicates, [{ value: sid, clones: [cloneA, cloneB] }]);
  t.deepEqual(checks['machine-sid-unique']?.evidence.states, { [cloneA]: 'specialized', [cloneB]: 'specialized', [sysprepped]: 'generalized' });
  t.regex(String(checks['machine-sid-unique']?.evidence.source), /SAM\\SAM\\Domains\\Account V/);
  t.like(checks['computer-name-unique'], { status: 'fail', failures: ['duplicate-computer-name'] });
  t.deepEqual(checks['computer-name-unique']?.evidence.duplicates, [{ value: 'GOLD-01', clones: [cloneA, cloneB] }]);
  // The pinned NetworkAddress survives sysprep here: all three share it.
  t.like(checks['mac-unique'], { status: 'fail', failures: ['duplicate-mac'] });
  t.deepEqual(checks['mac-unique']?.evidence.duplicates, [{ value: '52:54:00:c0:ff:ee', clones: [cloneA, cloneB, sysprepped] }]);
  t.like(checks['master-sid-not-reused'], { status: 'fail', failures: ['master-sid-reused'], evidence: { reusedBy: [cloneA, cloneB] } });
});

test('a generalized image and a specialized one pass: the generalized one reports no identity, as "generalized", not as a failure', async (t) => {
  const [gold, deployed] = [await fresh('gold'), await fresh('deployed')];
  await writeWindowsSystem(gold, { ...MASTER, nics: [], generalized: true });
  await writeWindowsSystem(deployed, { ...MASTER, nics: [], computerName: 'PC-0042', machineSid: [1, 2, 3], mountedC: { mbr: { signature: 0x0badcafe, offsetBytes: 1048576 } } });
  const images = await inspectAll([gold, deployed]);
  const checks = runImageFleetChecks(images, images[0]);
  t.deepEqual(checks.map((check) => [check.id, check.status]), [
    ['machine-sid-unique', 'skip'], ['master-sid-not-reused', 'pass'], ['computer-name-unique', 'skip'], ['mac-unique', 'skip'], ['disk-signature-unique', 'pass'],
  ]);
  t.deepEqual((checks[0]!.evidence as { states: Record<string, string> }).states, { [gold]: 'generalized', [deployed]: 'specialized' });
  t.true(checks.every((check) => check.failures.length === 0));
});

test('a sector clone of an NTFS disk keeps the disk signature and the SID: both duplicated; a disk made anew gets its own signature', async (t) => {
  const tree = await fresh('disk-tree');
  await writeWindowsSystem(tree, { ...MASTER, nics: [] });
  const folder = await fresh('disks');
  const [first, sectorClone, other] = ['first.img', 'sector-clone.img', 'other.img'].map((name) => path.join(folder, name)) as [string, string, string];
  await packNtfsDisk(first, tree, { table: 'mbr', sectorSize: 512 });
  await copyFile(first, sectorClone);
  await packNtfsDisk(other, tree, { table: 'mbr', sectorSize: 512 });
  const images = await inspectAll([first, sectorClone, other]);
  const checks = byId(runImageFleetChecks(images));
  const signature = `mbr:${images[0]!.disk!.signature!}`;
  t.not(images[2]!.disk!.signature, images[0]!.disk!.signature);
  t.like(checks['disk-signature-unique'], { status: 'fail', failures: ['duplicate-disk-signature'] });
  t.deepEqual(checks['disk-signature-unique']?.evidence.duplicates, [{ value: signature, clones: [`${first} partition 1`, `${sectorClone} partition 1`] }]);
  t.deepEqual(checks['disk-signature-unique']?.evidence.sources, { [`${first} partition 1`]: 'MBR at 0x1B8', [`${sectorClone} partition 1`]: 'MBR at 0x1B8', [`${other} partition 1`]: 'MBR at 0x1B8' });
  t.like(checks['machine-sid-unique'], { status: 'fail' });
});
