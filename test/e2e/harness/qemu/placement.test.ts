import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import tmp from 'tmp';
import { hardwareCatalog } from '../../../../machines/catalog/models.js';
import type { HardwareModel } from '../../../../machines/catalog/types.js';
import { provePlacement } from '../../../../harness/qemu/placement.js';
import { listLiveVmProcesses } from '../../../../harness/qemu/vm-registry.js';

function workDir(t: ExecutionContext): string {
  const dir = tmp.dirSync({ prefix: 'clonelab-test-placement-', unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  return dir.name;
}

// provePlacement makes its scratch folder in os.tmpdir(), which follows TMPDIR: point it to a
// folder of this test file, so that each test can prove that nothing was left behind.
const scratchParent = mkdtempSync(path.join(os.tmpdir(), 'clonelab-test-scratch-'));
process.env.TMPDIR = scratchParent;
test.after.always(() => rmSync(scratchParent, { recursive: true, force: true }));

/** After a proof (tests run one at a time): no VM process and no scratch folder left. */
function assertNothingLeft(t: ExecutionContext): void {
  t.deepEqual(listLiveVmProcesses(), [], 'no VM left');
  t.deepEqual(readdirSync(scratchParent).filter((name) => name.startsWith('clonelab-placement-')), [], 'no scratch folder left');
}

// Real QEMU, TCG, CPUs never started: one VM at a time (the host has 2 cores shared with others).
for (const model of hardwareCatalog) {
  test.serial(`real QEMU puts every device of ${model.name} where the model says`, async (t) => {
    const proof = await provePlacement(model, { accel: 'tcg', workDir: workDir(t) });
    t.is(proof.model, model.name);
    t.regex(proof.qemuVersion, /^\d+\.\d+\.\d+$/);
    t.is(proof.devices.length, model.nics.length + 2);
    for (const device of proof.devices) {
      t.true(device.ok, device.mismatch);
      t.is(device.found?.address, device.expected.address);
      t.is(`${device.found?.vendor}:${device.found?.device}`, `${device.expected.vendor}:${device.expected.device}`);
    }
    // The model's own devices carry the ids build-args gave them; chipset devices carry none.
    const byRole = new Map(proof.devices.map((device) => [device.expected.role, device.found?.qdevId]));
    t.is(byRole.get('nic0'), 'nic0');
    t.is(byRole.get('video'), 'video0');
    t.is(byRole.get('storage'), model.storage.slot === undefined ? '' : 'stor0');
    assertNothingLeft(t);
  });
}


// Behind bridges: QEMU lists those devices only once the firmware (SeaBIOS) numbered the buses,
// so the proof lets the CPUs run for that and checks the numbers the model predicts.
const e1000 = hardwareCatalog.find((model) => model.name === 'desktop-e1000') as HardwareModel;
const bridgedModels: HardwareModel[] = [
  {
    ...e1000, name: 'test-pc-bridges', purpose: 'an e1000 behind the second pci-bridge, a nested bridge behind it',
    bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }, { id: 'br2', type: 'pci-bridge', slot: 5 }, { id: 'br3', type: 'pci-bridge', bus: 'br1', slot: 1 }],
    nics: [{ device: 'e1000', bus: 'br1', slot: 3 }, { device: 'e1000', bus: 'br3', slot: 2 }],
  },
  {
    name: 'test-q35-ports', purpose: 'an nvme behind a root port, an e1000 behind a pcie-pci-bridge', chipset: 'q35', cpus: 1, memoryMiB: 256,
    bridges: [{ id: 'rp1', type: 'pcie-root-port', slot: 0x10 }, { id: 'rp2', type: 'pcie-root-port', slot: 0x11 }, { id: 'pb1', type: 'pcie-pci-bridge', bus: 'rp2', slot: 0 }],
    nics: [{ device: 'e1000', bus: 'pb1', slot: 3 }], video: { device: 'VGA', slot: 2 }, storage: { device: 'nvme', bus: 'rp1', slot: 0 },
  },
];
for (const model of bridgedModels) {
  test.serial(`real QEMU puts every device of ${model.name} behind its bridge, on the bus number the model predicts`, async (t) => {
    const proof = await provePlacement(model, { accel: 'tcg', workDir: workDir(t) });
    t.is(proof.provenWhen, 'firmware-numbered');
    t.deepEqual(proof.devices.filter((device) => !device.ok).map((device) => device.mismatch), []);
    t.true(proof.devices.some((device) => device.expected.bus > 0), 'some device sits behind a bridge');
    t.log(proof.devices.map((device) => `${device.expected.role}@${device.found?.address}`).join(' '), `numbered ${Math.round(proof.numberingMs ?? 0)} ms after cont`);
    assertNothingLeft(t);
  });
}
