import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import tmp from 'tmp';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import { InfrastructureError } from '../../../harness/errors/errors.js';
import { provePlacement } from '../../../harness/qemu/placement.js';
import { listLiveVmProcesses } from '../../../harness/qemu/vm-registry.js';
import { makeFakeLab } from './fake-qemu.js';

function workDir(t: ExecutionContext): string {
  const dir = tmp.dirSync({ prefix: 'clonelab-test-placement-', unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  return dir.name;
}

// provePlacement makes its scratch folder in os.tmpdir(), which follows TMPDIR: point it to a
// folder of this test file, so the last test can prove that nothing was left behind.
const scratchParent = mkdtempSync(path.join(os.tmpdir(), 'clonelab-test-scratch-'));
process.env.TMPDIR = scratchParent;
test.after.always(() => rmSync(scratchParent, { recursive: true, force: true }));

// Real QEMU, TCG, CPUs never started: one VM at a time (the host has 2 cores shared with others).
for (const model of hardwareCatalog) {
  test.serial(`real QEMU puts every device of ${model.name} where the model says`, async (t) => {
    const proof = await provePlacement(model, { accel: 'tcg', workDir: workDir(t) });
    t.is(proof.model, model.name);
    t.regex(proof.qemuVersion, /^\d+\.\d+\.\d+$/);
    t.is(proof.devices.length, model.nics.length + 2);
    for (const device of proof.devices) {
      t.true(device.ok, device.mismatch);
      t.is(device.found?.position, device.expected.position);
      t.is(`${device.found?.vendor}:${device.found?.device}`, `${device.expected.vendor}:${device.expected.device}`);
    }
    // The model's own devices carry the ids build-args gave them; chipset devices carry none.
    const byRole = new Map(proof.devices.map((device) => [device.expected.role, device.found?.qdevId]));
    t.is(byRole.get('nic0'), 'nic0');
    t.is(byRole.get('video'), 'video0');
    t.is(byRole.get('storage'), model.storage.slot === undefined ? '' : 'stor0');
  });
}

test.serial('a device that is not where the model says is an InfrastructureError listing each mismatch', async (t) => {
  // The fake QEMU reports the PCI tree of desktop-e1000 (e1000 in slot 2) whatever it is asked for.
  const lab = makeFakeLab(t, 'qmp-server');
  const model = hardwareCatalog.find((candidate) => candidate.name === 'desktop-e1000-slot3');
  if (!model) throw new Error('catalog lacks desktop-e1000-slot3');
  const error = await t.throwsAsync(provePlacement(model, { accel: 'tcg', workDir: lab.workDir, env: lab.env }), { instanceOf: InfrastructureError });
  t.is(error.phase, 'placement');
  t.is(error.machine, 'desktop-e1000-slot3');
  t.regex(error.message, /nic0 \(e1000\): nothing at 00:03\.0, expected 8086:100e; 8086:100e is at 0:02\.0/);
  t.notRegex(error.message, /video/);
  t.regex(error.message, /Repro: .*runqemu\.sh/);
});

test.serial('placement leaves no VM and no scratch folder behind', (t) => {
  t.deepEqual(listLiveVmProcesses(), []);
  t.deepEqual(readdirSync(scratchParent).filter((name) => name.startsWith('clonelab-placement-')), []);
});
