import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import type { DeviceFact } from '../../../harness/probe/clone-report.js';
import type { CheckResult, RunResult } from '../../../harness/results/types.js';

// The user's own fleet on real QEMU (TCG), with nothing of it in the repository: a models file
// (--models) with devices behind bridges, and a scenario module that exports two more models
// beside its scenarios. One run: a generalized master on a pc whose e1000 sits behind a
// pci-bridge, cloned onto that model and onto a q35 whose nvme disk sits behind a
// pcie-root-port; and a master with two e1000 NICs (one behind the bridge) cloned, not
// generalized, onto the same model without that NIC: problem 24 on exactly its address.
const CLI = path.resolve('dist/cli/main.js');

const models = [
  {
    name: 'desk-bridged', extends: 'desktop-e1000', purpose: 'desktop-e1000 with its e1000 behind a PCI bridge',
    bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }], nics: [{ device: 'e1000', bus: 'br1', slot: 3 }],
  },
  {
    name: 'q35-nvme-rooted', extends: 'workstation-nvme', purpose: 'workstation-nvme with its NVMe disk behind a PCIe root port',
    bridges: [{ id: 'rp1', type: 'pcie-root-port', slot: 0x10 }], storage: { device: 'nvme', bus: 'rp1', slot: 0 },
  },
];

const fleet = `
export const models = [
  { name: 'desk-two-e1000', extends: 'desk-bridged', purpose: 'two e1000 NICs: slot 2 of bus 0 and slot 3 behind br1',
    nics: [{ device: 'e1000', slot: 2 }, { device: 'e1000', bus: 'br1', slot: 3 }] },
  { name: 'desk-two-e1000-one-gone', extends: 'desk-two-e1000', purpose: 'desk-two-e1000 without the NIC behind the bridge',
    nics: [{ device: 'e1000', slot: 2 }] },
];
export default [
  {
    name: 'bridged-fleet', description: 'A generalized master cloned onto devices behind a pci-bridge and a pcie-root-port',
    master: { machine: 'desk-bridged', geometry: { size: '256M', filesystem: 'fat32' } },
    generalize: { massStorage: true }, capture: { method: 'file', compression: 'xpress' },
    targets: [{ machine: 'desk-bridged' }, { machine: 'q35-nvme-rooted' }],
  },
  {
    name: 'one-of-two-nics-gone', description: 'Not generalized, one of two e1000 NICs removed: problem 24 for that one only',
    master: { machine: 'desk-two-e1000', geometry: { size: '256M', filesystem: 'fat32' } },
    capture: { method: 'overlay' },
    targets: [{ machine: 'desk-two-e1000-one-gone' }],
    skipChecks: ['master-sid-not-reused'],
    expect: { reproduces: ['problem-24'] },
  },
];
`;

test('a user\'s models file and scenario module: devices behind a pci-bridge and a pcie-root-port start; one of two NICs removed is problem 24 on its address', async (t) => {
  t.timeout(1_500_000);
  const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-user-models-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(path.join(folder, 'models.json'), JSON.stringify(models, null, 2));
  writeFileSync(path.join(folder, 'fleet.mjs'), fleet);
  const out = path.join(folder, 'out');
  const run = await execa(process.execPath, [CLI, 'run', './fleet.mjs', '--models', './models.json', '--out', out, '--accel', 'tcg', '--jobs', '2'], { cwd: folder, reject: false, all: true });
  const result = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as RunResult;
  t.is(run.exitCode, 0, run.all);
  t.deepEqual(Object.fromEntries(result.scenarios.map((scenario) => [scenario.name, scenario.status])), { 'bridged-fleet': 'passed', 'one-of-two-nics-gone': 'reproduced' });

  const devicesOf = (cloneId: string): { check: CheckResult | undefined; reported: DeviceFact[] } => {
    const check = result.scenarios.flatMap((scenario) => scenario.checks).find((entry) => entry.id === 'devices-started' && entry.cloneId === cloneId);
    return { check, reported: (check?.evidence.reported as DeviceFact[] | undefined) ?? [] };
  };
  const started = (reported: DeviceFact[]): string[] => reported.filter((device) => device.status === 'started' && device.recordedDriver).map((device) => `${device.slot} ${device.vendorDevice}`).sort();
  // The guest sees the e1000 behind br1 (pci-bridge at 00:08) on bus 1, the nvme behind rp1 (root port at 00:10) on bus 1.
  const pc = devicesOf('bridged-fleet/desk-bridged#1');
  t.is(pc.check?.status, 'pass', pc.check?.summary);
  t.deepEqual(started(pc.reported), ['00:01.1 8086:7010', '00:04.0 1234:1111', '01:03.0 8086:100e']);
  const q35 = devicesOf('bridged-fleet/q35-nvme-rooted#1');
  t.is(q35.check?.status, 'pass', q35.check?.summary);
  t.deepEqual(started(q35.reported), ['00:01.0 1234:1111', '00:02.0 8086:10d3', '00:1f.2 8086:2922', '01:00.0 1b36:0010'], 'the ICH9 AHCI of q35 (00:1f.2) is there too');

  const gone = devicesOf('one-of-two-nics-gone/desk-two-e1000-one-gone#1');
  t.deepEqual(gone.check?.failures, ['problem-24']);
  t.deepEqual(gone.reported.filter((device) => device.status === 'problem').map((device) => `${device.slot} ${device.vendorDevice} problem ${device.problem}`), ['01:03.0 8086:100e problem 24'], 'exactly the removed NIC');
  t.true(gone.reported.some((device) => device.slot === '00:02.0' && device.vendorDevice === '8086:100e' && device.status === 'started'), 'the other e1000 still starts');

  // The run's catalog in results.json: the user's models with their files.
  const record = (name: string) => result.machines.find((machine) => machine.name === name);
  t.like(record('desk-bridged'), { source: './models.json', extends: 'desktop-e1000', bridges: 'br1 pci-bridge@00:08.0', slot: 'nic@01:03.0 video@4 storage@chipset' });
  t.like(record('q35-nvme-rooted'), { source: './models.json', bridges: 'rp1 pcie-root-port@00:10.0', slot: 'nic@2 video@1 storage@01:00.0' });
  t.like(record('desk-two-e1000-one-gone'), { source: './fleet.mjs', extends: 'desk-two-e1000' });
  t.is(record('desktop-e1000')?.source, undefined, 'built-in models carry no source');
});
