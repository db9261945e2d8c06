import { cp, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { loadResults } from '../../reports/load-results.js';
import type { InspectReport } from '../../cli/commands/inspect.js';
import { packNtfsDisk, packWim } from '../fixtures/windows/windows-images.js';
import { WIN10_STORAGE, writeWindowsSystem, type SystemSpec } from '../fixtures/windows/windows-system.js';
import { makeFreshDirs, makeScratch } from '../harness/disks/fixtures.js';

const CLI = path.resolve('dist/cli/main.js');
const clonelab = (...args: string[]) => execa('node', [CLI, ...args], { reject: false });
const scratch = makeScratch();
const fresh = makeFreshDirs(scratch);

const GOLD: SystemSpec = { nt: '10.0', computerName: 'GOLD-01', machineSid: [11, 22, 33] };

test('inspect a WIM of three images: one block per image and the models × images prediction; exit 0 without --fleet or --machines', async (t) => {
  const trees = [await fresh('xp'), await fresh('w10'), await fresh('w10-demand')];
  await writeWindowsSystem(trees[0]!, { nt: '5.1', computerName: 'XP-1', machineSid: [1, 1, 1] });
  await writeWindowsSystem(trees[1]!, GOLD);
  await writeWindowsSystem(trees[2]!, { ...GOLD, storage: { ...WIN10_STORAGE, storahci: { ...WIN10_STORAGE.storahci!, start: 3 } } });
  const wim = path.join(await fresh('wim'), 'install.wim');
  await packWim(wim, trees.map((dir, index) => ({ dir, name: `image ${index + 1}` })));
  const result = await clonelab('inspect', wim);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, new RegExp(`${wim}:1: Microsoft Windows XP \\(NT 5\\.1, build 2600\\), specialized, read in \\d+\\.\\d\\d s`));
  t.regex(result.stdout, /computer name GOLD-01; machine SID S-1-5-21-11-22-33 \(SECURITY agrees\)/);
  t.regex(result.stdout, /storahci Start 3 \(demand\) \[cc_010601 8086:2922\]/);
  // desktop-ahci: XP has no AHCI driver, image 2 boots, image 3 has storahci demand-start.
  t.regex(result.stdout, /desktop-ahci\s+│ ahci\s+│ 0x7B\s+│ boots\s+│ 0x7B\s+│/);
  t.regex(result.stdout, /desktop-e1000\s+│ piix3-ide\s+│ boots\s+│ boots\s+│ boots\s+│/);
});

test('inspect --fleet --json over two copies of one image: duplicate SID and name with evidence, exit 1; --out writes results, JUnit and HTML that compare reads', async (t) => {
  const gold = await fresh('gold');
  await writeWindowsSystem(gold, GOLD);
  const copy = await fresh('copy');
  await cp(gold, copy, { recursive: true });
  const other = await fresh('other');
  await writeWindowsSystem(other, { ...GOLD, computerName: 'PC-2', machineSid: [44, 55, 66], mountedC: { mbr: { signature: 0x11111111, offsetBytes: 1048576 } } });
  const out = await fresh('out-dup');
  const result = await clonelab('inspect', gold, copy, '--fleet', '--json', '--machines', 'desktop-e1000,cloud-virtio-blk', '--out', out);
  t.is(result.exitCode, 1, result.stderr);
  const report = JSON.parse(result.stdout) as InspectReport;
  t.deepEqual(report.images.map((image) => image.image.label), [gold, copy]);
  const sid = report.fleet?.find((check) => check.id === 'machine-sid-unique');
  t.like(sid, { status: 'fail', failures: ['duplicate-machine-sid'] });
  t.deepEqual(sid?.evidence.duplicates, [{ value: 'S-1-5-21-11-22-33', clones: [gold, copy] }]);
  t.like(report.fleet?.find((check) => check.id === 'computer-name-unique'), { status: 'fail', failures: ['duplicate-computer-name'] });
  t.deepEqual(report.predictions.map((prediction) => [prediction.image, prediction.model, prediction.outcome]), [
    [gold, 'desktop-e1000', 'boots'], [gold, 'cloud-virtio-blk', 'stop-0x7b'], [copy, 'desktop-e1000', 'boots'], [copy, 'cloud-virtio-blk', 'stop-0x7b'],
  ]);

  const results = await loadResults(path.join(out, 'results.json'));
  t.deepEqual(results.scenarios.map((scenario) => [scenario.name, scenario.status]), [['image-fleet-identity', 'failed'], [`predict ${gold}`, 'failed'], [`predict ${copy}`, 'failed']]);
  t.deepEqual(results.machines.map((machine) => machine.name), ['desktop-e1000', 'cloud-virtio-blk']);
  const junit = await readFile(path.join(out, 'junit.xml'), 'utf8');
  t.regex(junit, /<testcase name="fleet: machine-sid-unique" classname="image-fleet-identity"[\s\S]*?<failure message="machine-sid-unique: 1 duplicated machine SIDs: S-1-5-21-11-22-33/);
  t.regex(junit, /<testcase name="[^"]* @ cloud-virtio-blk"[^>]*>[\s\S]*?<failure [^>]*type="stop-0x7b, problem-28"/);
  const html = await readFile(path.join(out, 'report.html'), 'utf8');
  t.regex(html, /<th scope="row">cloud-virtio-blk<\/th>/);
  t.true(html.includes(`predict ${gold}`));

  // The next round: the copy replaced by a distinct image. compare calls the duplicates fixed.
  const base = path.join(out, 'results.json');
  const headOut = await fresh('out-fixed');
  const fixed = await clonelab('inspect', gold, other, '--fleet', '--machines', 'desktop-e1000,cloud-virtio-blk', '--out', headOut);
  t.is(fixed.exitCode, 1, 'cloud-virtio-blk still predicts STOP 0x7B');
  t.regex(fixed.stdout, /PASS machine-sid-unique: 2 distinct machine SIDs across 2 clones/);
  const comparison = await clonelab('compare', base, path.join(headOut, 'results.json'), '--json');
  t.is(comparison.exitCode, 0, comparison.stderr);
  const compared = JSON.parse(comparison.stdout) as { fixes: { scenario: string; before: string; after: string }[]; regressions: unknown[] };
  t.deepEqual(compared.fixes.map((fix) => [fix.scenario, fix.before, fix.after]), [['image-fleet-identity', 'failed', 'passed']]);
  t.deepEqual(compared.regressions, []);
});

test('inspect predicts on the user\'s own models (--models), and --machines makes a predicted STOP 0x7B fail', async (t) => {
  const gold = await fresh('gold-models');
  await writeWindowsSystem(gold, GOLD);
  const models = path.join(await fresh('models'), 'fleet.json');
  await writeFile(models, JSON.stringify([
    { name: 'branch-office-virtio', extends: 'desktop-e1000', purpose: 'the e1000 desktop with a virtio disk', storage: { device: 'virtio-blk-pci', slot: 6 } },
  ]));
  const ok = await clonelab('inspect', gold, '--models', models, '--machines', 'desktop-e1000');
  t.is(ok.exitCode, 0, ok.stderr);
  const bad = await clonelab('inspect', gold, '--models', models, '--machines', 'branch-office-virtio', '--json');
  t.is(bad.exitCode, 1, bad.stderr);
  const report = JSON.parse(bad.stdout) as InspectReport;
  t.like(report.predictions[0], { model: 'branch-office-virtio', outcome: 'stop-0x7b', failures: ['stop-0x7b'] });
  t.is(report.predictions[0]!.devices.find((device) => device.kind === 'storage')?.reason, 'no boot-critical driver for PCI\\VEN_1AF4&DEV_1001 (class 0100) in the DriverDatabase');
});

test('inspect exits 2 and names the image when one cannot be read, after reading the others', async (t) => {
  const gold = await fresh('gold-bad');
  await writeWindowsSystem(gold, GOLD);
  const empty = await fresh('empty-folder');
  const result = await clonelab('inspect', gold, empty);
  t.is(result.exitCode, 2);
  t.regex(result.stdout, /GOLD-01/);
  t.regex(result.stdout, new RegExp(`${empty}: not inspected: folder ${empty} holds no Windows system: expected \\\\Windows\\\\System32\\\\config\\\\SYSTEM \\(or \\\\WINNT\\\\…, in any case\\), found at its top: nothing \\(the tree is empty\\)\\.`));
  const wim = path.join(await fresh('two'), 'two.wim');
  await packWim(wim, [{ dir: gold, name: 'a' }, { dir: gold, name: 'b' }]);
  const master = await clonelab('inspect', gold, '--fleet', '--master', wim);
  t.is(master.exitCode, 2);
  t.regex(master.stderr, /--master .*two\.wim holds 2 Windows images: name one \(X\.wim:INDEX\)/);
});

test('inspect leaves nothing in the temporary folder, after a disk read or a refused one; a truncated disk is named as such', async (t) => {
  const tree = await fresh('tree-tmp');
  await writeWindowsSystem(tree, GOLD);
  const disk = path.join(await fresh('disk-tmp'), 'clone.img');
  await packNtfsDisk(disk, tree, { table: 'mbr', sectorSize: 4096 });
  const cut = path.join(path.dirname(disk), 'cut.img');
  await cp(disk, cut);
  await truncate(cut, 32 * 1024 * 1024);
  const temp = await fresh('private-tmp');
  const result = await execa('node', [CLI, 'inspect', disk, cut, '--json'], { reject: false, env: { TMPDIR: temp } });
  t.is(result.exitCode, 2);
  const report = JSON.parse(result.stdout) as InspectReport;
  t.deepEqual(report.images.map((image) => image.image.label), [`${disk} partition 1`]);
  t.regex(report.failures[0]?.error ?? '', /cut\.img is truncated: partition 1 ends at byte \d+, the disk has 33554432 bytes\./);
  t.deepEqual(await readdir(temp), []);
  // The same run with TMPDIR somewhere it cannot write: the scratch folder is made there, so the check above looked in the right place.
  const nowhere = await clonelab('inspect', disk);
  t.is(nowhere.exitCode, 0);
  const unwritable = await execa('node', [CLI, 'inspect', disk], { reject: false, env: { TMPDIR: path.join(temp, 'absent') } });
  t.is(unwritable.exitCode, 2);
  t.true(unwritable.stderr.includes(path.join(temp, 'absent')), unwritable.stderr);
});
