// The placement proof every boot makes (proveAndContinue), against the fake QEMU family: a VM
// started paused whose QMP answers query-pci from its argv (test/fixtures/fake-qemu/fake-qmp.mjs),
// as QEMU lists it (nothing behind a bridge until the firmware numbered it after `cont`), with
// the devices put elsewhere on request (FAKE_PCI_MOVE, FAKE_PCI_DROP).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import tmp from 'tmp';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { buildQemuArgs } from '../../../harness/qemu/build-args.js';
import { PlacementError } from '../../../harness/qemu/placement-error.js';
import { proveAndContinue } from '../../../harness/qemu/prove-and-continue.js';
import { QemuVm } from '../../../harness/qemu/vm.js';
import { FAKE_CONFINEMENT, installFakeQemu } from './fake-qemu.js';

const e1000 = hardwareCatalog.find((model) => model.name === 'desktop-e1000') as HardwareModel;

/** desktop-e1000 with two bridges on bus 0 (slot 8 listed first; slot 5 is numbered first) and its NIC behind the one in slot 8. */
const bridged: HardwareModel = {
  ...e1000, name: 'test-bridged', purpose: 'an e1000 behind the second of two pci-bridges',
  bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }, { id: 'br2', type: 'pci-bridge', slot: 5 }],
  nics: [{ device: 'e1000', bus: 'br1', slot: 3 }],
};

/** q35: an nvme behind a pcie-root-port, an e1000 behind a pcie-pci-bridge behind another root port. */
const q35Bridged: HardwareModel = {
  name: 'test-q35-bridged', purpose: 'PCI Express ports', chipset: 'q35', cpus: 1, memoryMiB: 256,
  bridges: [{ id: 'rp1', type: 'pcie-root-port', slot: 0x10 }, { id: 'rp2', type: 'pcie-root-port', slot: 0x11 }, { id: 'pb1', type: 'pcie-pci-bridge', bus: 'rp2', slot: 0 }],
  nics: [{ device: 'e1000', bus: 'pb1', slot: 3 }], video: { device: 'VGA', slot: 2 }, storage: { device: 'nvme', bus: 'rp1', slot: 0 },
};

interface Started {
  vm: QemuVm;
  /** The QMP commands the fake executed, in order. */
  commands: () => string[];
}

/** Starts `model` paused on the hanging fake (it answers QMP, then hangs once continued). */
async function startPaused(t: ExecutionContext, model: HardwareModel, env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const dir = tmp.dirSync({ prefix: 'clonelab-test-prove-' }).name;
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const log = path.join(dir, 'qmp.log');
  mkdirSync(path.join(dir, 'work'));
  const channels = { consoleLog: path.join(dir, 'console.log'), agentLog: path.join(dir, 'agent.log'), qmpSocket: path.join(dir, 'qmp.sock') };
  const command = buildQemuArgs({
    name: `prove-${model.name}`, model, disks: [{ path: path.join(dir, 'disk.img'), format: 'raw' }], boot: { kind: 'firmware' },
    channels, macSeed: 'test', accel: 'tcg', paused: true, confinement: FAKE_CONFINEMENT,
  });
  const vm = await QemuVm.start(command, {
    name: `prove-${model.name}`, workDir: path.join(dir, 'work'), channels, machine: model.name, graceMs: 500,
    env: { ...process.env, PATH: installFakeQemu(dir, 'hang'), FAKE_QMP_LOG: log, ...env },
  });
  t.teardown(() => vm.kill());
  return { vm, commands: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

test('a matching topology is proven while paused, then the CPUs start', async (t) => {
  const { vm, commands } = await startPaused(t, e1000);
  const proof = await proveAndContinue(vm, e1000);
  t.is(proof.provenWhen, 'paused');
  t.deepEqual(proof.devices.map((entry) => [entry.expected.role, entry.expected.address, entry.found?.address, `${entry.found?.vendor}:${entry.found?.device}`, entry.ok]), [
    ['nic0', '00:02.0', '00:02.0', '8086:100e', true],
    ['video', '00:04.0', '00:04.0', '1234:1111', true],
    ['storage', '00:01.1', '00:01.1', '8086:7010', true],
  ]);
  t.deepEqual(commands(), ['qmp_capabilities', 'query-pci', 'cont'], 'queried before cont, and nothing after');
  t.true(proof.pausedMs > 0 && proof.checkMs >= 0);
  t.false(vm.exited, 'the VM runs on');
});

test('a device in another slot: the VM is stopped before its CPUs ran, and the error names device, expected and found address', async (t) => {
  const { vm, commands } = await startPaused(t, e1000, { FAKE_PCI_MOVE: 'nic0=0x05' });
  const error = await t.throwsAsync(proveAndContinue(vm, e1000), { instanceOf: PlacementError });
  t.is(error.step, 'placement');
  t.is(error.machine, 'desktop-e1000');
  t.regex(error.message, /nic0 \(e1000\): nothing at 00:02\.0, expected 8086:100e; 8086:100e is at 00:05\.0/);
  t.regex(error.message, /stopped before its CPUs ran/);
  t.notRegex(error.message, /video|storage/, 'only the moved device is named');
  t.deepEqual(error.devices.map((entry) => entry.ok), [false, true, true]);
  t.deepEqual(commands(), ['qmp_capabilities', 'query-pci'], 'never continued');
  t.true(vm.exited, 'the VM was stopped');
});

test('a missing device: the one that is missing is named, not its twin that is in place', async (t) => {
  const twoNics: HardwareModel = { ...e1000, name: 'test-two-e1000', nics: [{ device: 'e1000', slot: 2 }, { device: 'e1000', slot: 3 }] };
  const { vm } = await startPaused(t, twoNics, { FAKE_PCI_DROP: 'nic1' });
  const error = await t.throwsAsync(proveAndContinue(vm, twoNics), { instanceOf: PlacementError });
  t.regex(error.message, /nic1 \(e1000\): nothing at 00:03\.0, expected 8086:100e\n/, 'no hint at 00:02.0: that is nic0, in place');
  t.notRegex(error.message, /nic0/);
  t.true(vm.exited);
});

test('a device QEMU put behind a bridge: found once the firmware numbered the bus, then the VM is stopped', async (t) => {
  const model: HardwareModel = { ...e1000, name: 'test-bridge-unused', bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }] };
  const { vm, commands } = await startPaused(t, model, { FAKE_PCI_MOVE: 'nic0=br1:0x02' });
  const error = await t.throwsAsync(proveAndContinue(vm, model), { instanceOf: PlacementError });
  t.regex(error.message, /nic0 \(e1000\): nothing at 00:02\.0, expected 8086:100e; 8086:100e is at 01:02\.0/);
  t.regex(error.message, /once the firmware had run to number the buses behind its bridges/);
  t.is(commands()[2], 'cont', 'continued for the firmware to number the bridge');
  t.true(vm.exited);
});

test('a device behind its bridge, in another slot of the bridge bus', async (t) => {
  const { vm } = await startPaused(t, bridged, { FAKE_PCI_MOVE: 'nic0=br1:0x04' });
  const error = await t.throwsAsync(proveAndContinue(vm, bridged), { instanceOf: PlacementError });
  // br2 (slot 5) is numbered 1, br1 (slot 8) 2: the model's nic0 is 02:03.0.
  t.regex(error.message, /nic0 \(e1000\): nothing at 02:03\.0, expected 8086:100e; 8086:100e is at 02:04\.0/);
});

test('behind bridges: the paused query shows no device behind them; the proof waits for the firmware and checks the bus numbers', async (t) => {
  const { vm, commands } = await startPaused(t, bridged, { FAKE_PCI_NUMBER_DELAY_MS: '300' });
  const proof = await proveAndContinue(vm, bridged);
  t.is(proof.provenWhen, 'firmware-numbered');
  t.deepEqual(proof.devices.map((entry) => [entry.expected.role, entry.expected.address, entry.found?.address, entry.found?.secondaryBus, entry.ok]), [
    ['nic0', '02:03.0', '02:03.0', undefined, true],
    ['video', '00:04.0', '00:04.0', undefined, true],
    ['storage', '00:01.1', '00:01.1', undefined, true],
    ['br2', '00:05.0', '00:05.0', 1, true],
    ['br1', '00:08.0', '00:08.0', 2, true],
  ]);
  t.true((proof.numberingMs ?? 0) >= 250, `waited for the numbering (${proof.numberingMs} ms)`);
  t.deepEqual(commands().slice(0, 3), ['qmp_capabilities', 'query-pci', 'cont']);
  t.true(commands().slice(3).every((command) => command === 'query-pci'));
});

test('q35: an nvme behind a root port and an e1000 behind a pcie-pci-bridge behind another', async (t) => {
  const { vm } = await startPaused(t, q35Bridged);
  const proof = await proveAndContinue(vm, q35Bridged);
  t.deepEqual(proof.devices.filter((entry) => !entry.ok).map((entry) => entry.mismatch), []);
  t.deepEqual(proof.devices.map((entry) => `${entry.expected.role}@${entry.found?.address}`), ['nic0@03:03.0', 'video@00:02.0', 'storage@01:00.0', 'rp1@00:10.0', 'rp2@00:11.0', 'pb1@02:00.0']);
});
