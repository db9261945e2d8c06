// Test helper (not a test): a per-test folder whose PATH starts with a fake qemu-system-x86_64.
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionContext } from 'ava';
import tmp from 'tmp';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import { buildQemuArgs } from '../../../harness/qemu/build-args.js';
import type { QemuCommand, QemuConfinement, VmChannels } from '../../../harness/qemu/types.js';

/** The fake QEMU scripts (sources, not compiled: dist/test/harness/qemu → test/fixtures/fake-qemu). */
export const FAKE_QEMU_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/fake-qemu');

/** The fakes understand neither `-sandbox` nor `-runas`: their argv goes without. */
export const FAKE_CONFINEMENT: QemuConfinement = { sandbox: false, why: { sandbox: 'a fake QEMU', runAs: 'a fake QEMU' } };

/**
 * Every fake QEMU, by name: the one-VM fakes QemuVm is tested with (makeFakeVm), the probe
 * fakes (accel, confinement), `record-argv` and `replay-guest` (a recorded install boot) for guest
 * boots without the guest kernel, and `faults`, which runs the real QEMU with faults injected (and a
 * recorded install or a hostile guest instead of some boots) for whole `clonelab run`s. The fakes
 * of a VM started paused answer QMP from its argv (fake-qmp.mjs: query-pci, cont, …).
 */
const FAKE_FILES = {
  'boot-and-exit': 'boot-and-exit.mjs', hang: 'hang.mjs', crash: 'crash.mjs', 'hostile-agent': 'hostile-agent.mjs', 'qmp-server': 'qmp-server.mjs',
  'accel-probe': 'accel-probe.mjs', confinement: 'confinement.mjs', 'record-argv': 'record-argv.mjs', 'replay-guest': 'replay-guest.mjs', faults: 'faults.sh',
} as const;

/** Any fake QEMU of test/fixtures/fake-qemu. */
export type FakeQemu = keyof typeof FAKE_FILES;

/** The fakes that stand for one VM (makeFakeVm). */
export type FakeName = 'boot-and-exit' | 'hang' | 'crash' | 'hostile-agent' | 'qmp-server';

/**
 * Puts a fake into `dir`/bin as `qemu-system-x86_64` and returns a PATH that finds it first.
 * A symlink keeps the fake's real path: node runs a .mjs as an ES module, faults.sh finds its neighbours.
 */
export function installFakeQemu(dir: string, fake: FakeQemu, basePath = process.env.PATH ?? ''): string {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(path.join(FAKE_QEMU_DIR, FAKE_FILES[fake]), path.join(bin, 'qemu-system-x86_64'));
  return `${bin}${path.delimiter}${basePath}`;
}

/** A tmp folder with a bin/ holding the fake as `qemu-system-x86_64`, channels, and an argv for it. */
export interface FakeVm {
  dir: string;
  workDir: string;
  env: NodeJS.ProcessEnv;
  channels: VmChannels;
  command: QemuCommand;
}

/** Makes a fake VM for one test; its folder is removed when the test ends. */
export function makeFakeVm(t: ExecutionContext, fake: FakeName, extraEnv: NodeJS.ProcessEnv = {}): FakeVm {
  const dir = tmp.dirSync({ prefix: 'clonelab-test-qemu-' }).name;
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const PATH = installFakeQemu(dir, fake);
  // A comma in the folder name proves the fakes undo QEMU's ",," escaping like QEMU does.
  const logs = path.join(dir, 'logs,1');
  mkdirSync(logs);
  const channels = { consoleLog: path.join(logs, 'console.log'), agentLog: path.join(logs, 'agent.log'), qmpSocket: path.join(dir, 'qmp.sock') };
  const model = hardwareCatalog[0];
  if (!model) throw new Error('empty catalog');
  const command = buildQemuArgs({
    name: `fake-${fake}`, model, disks: [{ path: path.join(dir, 'disk.img'), format: 'raw' }], boot: { kind: 'firmware' },
    channels, macSeed: 'test', accel: 'tcg', confinement: FAKE_CONFINEMENT,
  });
  // A private cache: what a probe learns about a fake (e.g. its confinement) stays out of the user's cache.
  return { dir, workDir: path.join(dir, 'work'), env: { ...process.env, PATH, CLONELAB_CACHE: path.join(dir, 'cache'), ...extraEnv }, channels, command };
}

/** True while a process of that pid exists and is not a zombie (an orphan's zombie may wait long for its reaper). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S …"; the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (bounded) until a process that was sent SIGKILL is gone; true when it is. */
export async function waitUntilGone(pid: number, limitMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}
