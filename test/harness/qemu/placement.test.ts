import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import { InfrastructureError } from '../../../harness/errors/errors.js';
import { provePlacement } from '../../../harness/qemu/placement.js';
import { listLiveVmProcesses } from '../../../harness/qemu/vm-registry.js';
import { makeFakeVm } from './fake-qemu.js';

// provePlacement makes its scratch folder in os.tmpdir(), which follows TMPDIR: point it to a
// folder of this test file, so that the test can prove that nothing was left behind.
const scratchParent = mkdtempSync(path.join(os.tmpdir(), 'clonelab-test-scratch-'));
process.env.TMPDIR = scratchParent;
test.after.always(() => rmSync(scratchParent, { recursive: true, force: true }));

test('a device that is not where the model says is an InfrastructureError listing each mismatch', async (t) => {
  // The fake QEMU reports the PCI tree of desktop-e1000 (e1000 in slot 2) whatever it is asked for.
  const fakeVm = makeFakeVm(t, 'qmp-server');
  const model = hardwareCatalog.find((candidate) => candidate.name === 'desktop-e1000-slot3');
  if (!model) throw new Error('catalog lacks desktop-e1000-slot3');
  const error = await t.throwsAsync(provePlacement(model, { accel: 'tcg', workDir: fakeVm.workDir, env: fakeVm.env }), { instanceOf: InfrastructureError });
  t.is(error.step, 'placement');
  t.is(error.machine, 'desktop-e1000-slot3');
  t.regex(error.message, /nic0 \(e1000\): nothing at 00:03\.0, expected 8086:100e; 8086:100e is at 00:02\.0/);
  t.notRegex(error.message, /video/);
  t.regex(error.message, /Repro: .*runqemu\.sh/);
  t.deepEqual(listLiveVmProcesses(), [], 'no VM left');
  t.deepEqual(readdirSync(scratchParent).filter((name) => name.startsWith('clonelab-placement-')), [], 'no scratch folder left');
});
