import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import tmp from 'tmp';
import { hardwareCatalog } from '../../../../machines/catalog/models.js';
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

