import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { resolveConfinement } from './confinement.js';
import { buildQemuArgs } from './build-args.js';
import { proveAndContinue, type PlacementProof } from './prove-and-continue.js';
import type { Accel } from './types.js';
import { QemuVm } from './vm.js';
import { withTeardown } from '../teardown/with-teardown.js';

export type { PlacementProof } from './prove-and-continue.js';

/** Options of `provePlacement`. */
export interface PlacementOptions {
  accel: Accel;
  /** Folder for the repro script and logs (created if missing). */
  workDir: string;
  signal?: AbortSignal;
  /** Deadline for QEMU to answer on QMP (default 20 s). */
  timeoutMs?: number;
  /** Environment of QEMU (e.g. a PATH with another QEMU build first). */
  env?: NodeJS.ProcessEnv;
}

const BLANK_DISK_BYTES = 1024 * 1024;

/**
 * Proves a model's placement without a guest: starts its VM paused (`-S`) on a blank disk, runs
 * the check every boot runs (proveAndContinue), and quits. A mismatch is a PlacementError
 * (step `placement`) listing each one. Every guest boot proves its own placement (bootGuest):
 * this is for a model alone, e.g. the real-QEMU proof of every catalog model.
 * @example const proof = await provePlacement(resolveModel('desktop-lsi'), { accel: 'tcg', workDir: 'out/desktop-lsi' });
 */
export async function provePlacement(model: HardwareModel, options: PlacementOptions): Promise<PlacementProof & { accel: Accel }> {
  return withTeardown(async (teardown) => {
    // A short tmp path: the QMP socket path must stay under 108 bytes.
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'clonelab-placement-'));
    teardown.defer('remove the scratch folder', () => rm(scratch, { recursive: true, force: true }));
    const disk = path.join(scratch, 'blank.img');
    await writeFile(disk, '');
    await truncate(disk, BLANK_DISK_BYTES);
    const channels = { consoleLog: path.join(options.workDir, 'console.log'), agentLog: path.join(options.workDir, 'agent.log'), qmpSocket: path.join(scratch, 'qmp.sock') };
    const command = buildQemuArgs({
      name: `placement-${model.name}`, model, disks: [{ path: disk, format: 'raw' }], boot: { kind: 'firmware' },
      channels, macSeed: `placement-${model.name}`, accel: options.accel, paused: true, confinement: await resolveConfinement({ env: options.env }),
    });
    const vm = await QemuVm.start(command, { name: `placement-${model.name}`, workDir: options.workDir, channels, signal: options.signal, env: options.env, machine: model.name, graceMs: 2000 });
    teardown.defer('kill the placement VM', () => vm.kill()); // a no-op once it quit
    const proof = await proveAndContinue(vm, model, { qmpTimeoutMs: options.timeoutMs ?? 20_000, ...(options.signal ? { signal: options.signal } : {}) });
    await (await vm.qmp()).quit();
    await vm.waitForExit({ timeoutMs: 10_000 });
    return { ...proof, accel: options.accel };
  });
}
