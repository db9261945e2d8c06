import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { buildKernelAppend } from '../../harness/guest/kernel-append.js';
import { resolveConfinement } from '../../harness/qemu/confinement.js';
import { buildQemuArgs } from '../../harness/qemu/build-args.js';
import type { Accel } from '../../harness/qemu/types.js';
import { QemuVm } from '../../harness/qemu/vm.js';
import type { HardwareModel } from '../../machines/catalog/types.js';

/** Inputs of one floor boot: the same kernel, model and disk as the guest, with the power-off-only initramfs. */
export interface FloorBootInput {
  model: HardwareModel;
  disk: string;
  kernel: string;
  initramfs: string;
  accel: Accel;
  workDir: string;
  signal?: AbortSignal;
}

/** Boots the floor initramfs on the model; returns ms from QEMU start to its exit. */
export async function bootFloor(input: FloorBootInput): Promise<number> {
  const channels = { consoleLog: path.join(input.workDir, 'floor-console.log'), agentLog: path.join(input.workDir, 'floor-agent.log'), qmpSocket: path.join(input.workDir, 'floor.sock') };
  const command = buildQemuArgs({
    name: 'floor', model: input.model, disks: [{ path: input.disk, format: 'raw' }], channels, macSeed: randomUUID(), accel: input.accel,
    // Confined as the guest's boots are, so the floor measures the same QEMU.
    confinement: await resolveConfinement(),
    boot: { kind: 'kernel', kernel: input.kernel, initrd: input.initramfs, append: buildKernelAppend({ mode: 'normal' }) },
  });
  const started = performance.now();
  const vm = await QemuVm.start(command, { name: 'floor', workDir: input.workDir, channels, ...(input.signal ? { signal: input.signal } : {}) });
  const result = await vm.waitForExit({ timeoutMs: 60_000 });
  const elapsed = performance.now() - started;
  if (result.exitCode !== 0) throw new Error(`floor boot failed on ${input.model.name} (exit ${result.exitCode ?? result.signal}): ${result.stderrTail}`);
  return elapsed;
}
