// Every clone boot proves its placement in the VM it boots (no second VM): the clone's facts
// carry the proof and its checks a `placement` check with the evidence; a device elsewhere is an
// infrastructure error in step `placement`. The boot is the fault fake's replayed guest (a
// recorded desktop-e1000 boot, test/fixtures/fake-qemu/replay-guest.mjs) whose QMP answers
// query-pci from the argv, FAKE_PCI_MOVE putting the NIC elsewhere.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import pLimit from 'p-limit';
import { hardwareCatalog } from '../../../../machines/catalog/models.js';
import { runCloneChecks } from '../../../../harness/checks/clone-checks.js';
import { captureWim, type CapturedImage } from '../../../../harness/imaging/index.js';
import type { RunContext } from '../../../../harness/lifecycle/steps/run-context.js';
import { runClone } from '../../../../harness/lifecycle/steps/run-clone.js';
import { planRun } from '../../../../harness/plan/plan-run.js';
import { validateScenario } from '../../../../harness/spec/validate-scenario.js';
import { FAKE_QEMU_DIR, installFakeQemu } from '../../qemu/fake-qemu.js';
import { makeScratch } from '../../disks/fixtures.js';

const scratch = makeScratch();
const qmpLog = path.join(scratch, 'qmp.log');
// Behind the fault fake, the confinement fake stands for the real QEMU: the confinement probe
// meets it, so this unit test starts no real QEMU.
Object.assign(process.env, {
  PATH: installFakeQemu(scratch, 'faults'), FAULT_REPLAY_MATCH: '/clones/', FAKE_QMP_LOG: qmpLog, CLONELAB_CACHE: path.join(scratch, 'cache'),
  FAULT_REAL_QEMU: path.join(FAKE_QEMU_DIR, 'confinement.mjs'),
});

/** A file image holding only (dummy) boot files: the harness reads them, the replayed guest never runs them. */
const image = (async (): Promise<CapturedImage> => {
  const boot = path.join(scratch, 'tree', 'boot');
  mkdirSync(boot, { recursive: true });
  writeFileSync(path.join(boot, 'vmlinux'), 'kernel');
  writeFileSync(path.join(boot, 'loader.img'), 'loader');
  const wim = path.join(scratch, 'boot.wim');
  await captureWim(path.join(scratch, 'tree'), wim);
  return { method: 'file', path: wim, source: path.join(scratch, 'tree'), storedBytes: 0, index: 1, notes: [] };
})();

async function cloneOnce(name: string) {
  const scenario = validateScenario({
    name, description: 'one clone of a boot-files-only image',
    master: { machine: 'desktop-e1000', geometry: { size: '64M', filesystem: 'fat16' } },
    capture: { method: 'file' }, targets: [{ machine: 'desktop-e1000', geometry: { size: '40M', filesystem: 'fat16' } }],
  });
  const planned = planRun([scenario]).scenarios[0]!;
  const context: RunContext = {
    runDir: path.join(scratch, name), accel: 'tcg', catalog: hardwareCatalog, vmPermits: pLimit(1), retries: 0, bootTimeoutMs: 20_000,
    shared: new Map(), signal: new AbortController().signal,
  };
  return runClone(context, planned, planned.clones[0]!, { method: 'file', image: await image, notes: [], checks: [] }, new AbortController().signal);
}

const commands = (): string[] => (existsSync(qmpLog) ? readFileSync(qmpLog, 'utf8').trim().split('\n') : []);

test.serial('a clone whose devices are where the model says: a placement check that passes, with expected and found address and ids', async (t) => {
  writeFileSync(qmpLog, '');
  const run = await cloneOnce('placement-pass');
  t.is(run.status, 'booted', JSON.stringify(run.error));
  t.deepEqual(run.facts?.placement?.devices.map((device) => [device.role, device.ids, device.expected, device.found, device.foundIds]), [
    ['nic0', '8086:100e', '00:02.0', '00:02.0', '8086:100e'],
    ['video', '1234:1111', '00:04.0', '00:04.0', '1234:1111'],
    ['storage', '8086:7010', '00:01.1', '00:01.1', '8086:7010'],
  ]);
  t.is(run.facts?.placement?.provenWhen, 'paused');
  const placement = runCloneChecks(run.facts!).find((check) => check.id === 'placement');
  t.is(placement?.status, 'pass');
  t.regex(placement?.summary ?? '', /^all 3 devices of desktop-e1000 where the model says, proven before the CPUs ran: nic0 e1000 8086:100e at 00:02\.0, /);
  t.deepEqual(commands().slice(0, 3), ['qmp_capabilities', 'query-pci', 'cont'], 'one VM: queried paused, then continued');
});

test.serial('a NIC QEMU put in another slot: the clone errors in step placement, naming the NIC, the expected and the found address', async (t) => {
  writeFileSync(qmpLog, '');
  process.env.FAKE_PCI_MOVE = 'nic0=0x06';
  t.teardown(() => delete process.env.FAKE_PCI_MOVE);
  const run = await cloneOnce('placement-mismatch');
  t.is(run.status, 'errored');
  t.like(run.error, { kind: 'infrastructure', phase: 'targets', step: 'placement', machine: 'desktop-e1000' });
  t.regex(run.error?.message ?? '', /nic0 \(e1000\): nothing at 00:02\.0, expected 8086:100e; 8086:100e is at 00:06\.0/);
  t.is(run.facts, undefined, 'no facts, so no checks: the error is the result');
  t.false(commands().includes('cont'), 'the guest never ran');
});
