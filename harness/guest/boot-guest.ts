import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { HardwareModel } from '../../machines/catalog/types.js';
import type { DiskInfo } from '../disks/index.js';
import { resolveConfinement } from '../qemu/confinement.js';
import { buildQemuArgs } from '../qemu/build-args.js';
import { qmpSocketPath } from '../qemu/socket-path.js';
import { PlacementError } from '../qemu/placement-error.js';
import { proveAndContinue, type PlacementProof } from '../qemu/prove-and-continue.js';
import type { Accel } from '../qemu/types.js';
import type { TeardownStack } from '../teardown/teardown-stack.js';
import { withTeardown } from '../teardown/with-teardown.js';
import { UnreadableBootVolumeError } from './boot-volume-error.js';
import { stageBootFiles, type BootFile } from './boot-files.js';
import { QemuVm, type VmResult } from '../qemu/vm.js';
import { buildKernelAppend, type PinnedMac, type SidChanger } from './kernel-append.js';
import { type MalformedLine, parseProbeLines } from './parse-probe-lines.js';
import type { ProbeReport } from './probe-schema.js';
import { planStore } from './store-plan.js';

/** Input of one boot of an installed (or fresh) guest disk. */
export interface BootGuestInput {
  /** The VM's own disk (never the master: the guest writes to it). */
  disk: string;
  /** Image format of `disk` (default raw; a qcow2 overlay for overlay clones). */
  format?: 'raw' | 'qcow2';
  /**
   * A raw disk to read `boot/` from, when `disk` cannot be read on the host (a qcow2 overlay:
   * its backing master has the same files until the guest first writes).
   */
  bootFilesFrom?: string;
  model: HardwareModel;
  mode: 'normal' | 'generalize';
  massStorage?: boolean;
  /** Generalize: the SID changer mini-setup runs (default `setupcl`). */
  sidChanger?: SidChanger;
  accel: Accel;
  /** Folder for the console log, agent log, screendump, boot files (hard links) and repro script. */
  workDir: string;
  /**
   * Content-addressed store of boot files, shared by the boots of a run: an identical kernel is
   * stored once and hard-linked into each boot folder. Default: `boot-files` inside `workDir`
   * (a boot on its own shares nothing, and leaves nothing outside its folder).
   */
  bootFileStore?: string;
  /** Aborting it stops the VM (SIGTERM, then SIGKILL after the grace period) and the tools reading the boot files. */
  signal?: AbortSignal;
  /** Limit for the whole boot, power-off included (default 120 s). */
  timeoutMs?: number;
  /** Setup inputs: the older-chip-revision driver choice and network-address overrides. */
  preferDrivers?: readonly string[];
  pinnedMacs?: readonly PinnedMac[];
  /** Seconds the loader waits for the system volume before STOP 0x7B (default 10). */
  rootWaitSeconds?: number;
  // No sector-size input: the controller reports the logical sector size of the disk itself
  // (read from its partition table with the boot files), so no caller can forget or contradict it.
}

/** What one boot gave: the probe report, a STOP code, the evidence. */
export interface BootOutcome {
  report?: ProbeReport;
  /** The bugcheck code, e.g. `0x0000007B`, when the boot ended in one. */
  stop?: string;
  malformed: MalformedLine[];
  vm: VmResult;
  /** Path of the screendump (PNG), when one was taken. */
  screenshot?: string;
  consoleLog: string;
  agentLog: string;
  /** The MAC QEMU gave each NIC of the model, in the model's order. */
  macs: string[];
  /** Milliseconds from QEMU start until the closing probe line (or STOP line) arrived. */
  reportMs?: number;
  /**
   * Where QEMU put each device of the model, proven before the guest ran (a mismatch is a
   * PlacementError instead). Absent when QEMU exited before the proof (it refused its command
   * line, or crashed): `vm` says why.
   */
  placement?: PlacementProof;
}

/**
 * Boots a guest disk on a hardware model, playing the boot loader: the kernel and loader come
 * from the disk's own `boot/` folder. QEMU starts paused; the guest runs once the placement of
 * every device is proven (proveAndContinue: a mismatch stops the VM, a PlacementError).
 * Resolves after the guest powered off (or timed out).
 * @example const outcome = await bootGuest({ disk: 'vm1.img', model, mode: 'normal', accel: 'tcg', workDir: 'w/vm1' })
 */
export async function bootGuest(input: BootGuestInput): Promise<BootOutcome> {
  return withTeardown((teardown) => boot(input, teardown));
}

async function boot(input: BootGuestInput, teardown: TeardownStack): Promise<BootOutcome> {
  const workDir = path.resolve(input.workDir);
  await mkdir(workDir, { recursive: true });
  const kernel = path.join(workDir, 'vmlinux');
  const initrd = path.join(workDir, 'loader.img');
  // An overlay's backing disk has the overlay's geometry: its facts stand for the overlay's.
  const store = path.resolve(input.bootFileStore ?? path.join(workDir, 'boot-files'));
  const diskInfo = await copyBootFiles(input.bootFilesFrom ?? input.disk, [{ from: '/boot/vmlinux', to: kernel }, { from: '/boot/loader.img', to: initrd }], store, input.model.name, input.signal);
  const channels = { consoleLog: path.join(workDir, 'console.log'), agentLog: path.join(workDir, 'agent.log'), qmpSocket: qmpSocketPath(workDir) };
  const append = buildKernelAppend({
    mode: input.mode, massStorage: input.massStorage ?? false, ...(input.sidChanger ? { sidChanger: input.sidChanger } : {}), preferDrivers: input.preferDrivers ?? [], pinnedMacs: input.pinnedMacs ?? [],
    moduleParams: planStore().moduleParams, ...(input.rootWaitSeconds === undefined ? {} : { rootWaitSeconds: input.rootWaitSeconds }),
    seed: randomBytes(16).toString('hex'),
  });
  const command = buildQemuArgs({
    name: `guest-${input.model.name}`, model: input.model,
    disks: [{ path: path.resolve(input.disk), format: input.format ?? 'raw', logicalSectorSize: diskInfo.sectorSize }],
    boot: { kind: 'kernel', kernel, initrd, append }, channels, macSeed: randomUUID(), accel: input.accel, paused: true, confinement: await resolveConfinement(),
  });
  // Logs of an earlier boot in the same folder must not pass for this boot's.
  await Promise.all(Object.values(channels).map((file) => rm(file, { force: true })));
  const vm = await QemuVm.start(command, { name: `guest-${input.model.name}`, workDir, channels, signal: input.signal, machine: input.model.name });
  teardown.defer('remove the QMP socket', () => rm(channels.qmpSocket, { force: true }));
  // Whatever fails below, the VM does not outlive the boot (a no-op once it powered off).
  teardown.defer('stop the VM', () => vm.stop());
  const timeoutMs = input.timeoutMs ?? 120_000;
  const started = performance.now();
  // The session stays open, so that the picture can be taken the moment the report ends (the
  // display drivers have drawn by then); the guest powers off right after.
  const placement = await proveAndContinue(vm, input.model, { qmpTimeoutMs: Math.min(20_000, timeoutMs), ...(input.signal ? { signal: input.signal } : {}) })
    .catch((error: unknown) => {
      if (error instanceof PlacementError || !vm.exited) throw error;
      return undefined; // QEMU is gone: the exit below is the evidence, as for any boot that ended early
    });
  let screenshot: string | undefined;
  let reportMs: number | undefined;
  try {
    await vm.waitForAgentLine((line) => /"t":"(end|stop)"/.test(line), { timeoutMs: Math.max(1000, timeoutMs - (performance.now() - started)), what: 'the end of the probe report', onTimeout: 'keep' });
    reportMs = performance.now() - started;
    screenshot = await takeScreendump(vm, path.join(workDir, 'screen.png'));
  } catch {
    // No (complete) report: the evidence below says why; the exit wait applies the time limit.
  }
  const result = await vm.waitForExit({ timeoutMs: Math.max(1000, timeoutMs - (performance.now() - started)) }).catch(() => vm.stop());
  // The VM's follower read COM2 in bounded chunks and kept bounded lines: a hostile guest can
  // write gigabytes there, so the file is not read again whole.
  const { report, malformed } = parseProbeLines(vm.agentLines());
  return {
    ...(report ? { report } : {}), ...(report?.stop ? { stop: report.stop.code } : {}), malformed, vm: result,
    ...(screenshot ? { screenshot } : {}), consoleLog: channels.consoleLog, agentLog: channels.agentLog, macs: command.macs,
    ...(reportMs === undefined ? {} : { reportMs }), ...(placement ? { placement } : {}),
  };
}

async function copyBootFiles(disk: string, files: BootFile[], store: string, machine: string, signal: AbortSignal | undefined): Promise<DiskInfo> {
  try {
    return (await stageBootFiles(disk, files, store, signal)).info;
  } catch (error) {
    if (signal?.aborted) throw error; // canceled: the volume may be fine
    throw new UnreadableBootVolumeError(`Cannot read the boot files from ${disk}: the boot loader has nothing to start (${(error as Error).message})`, { step: 'boot', machine, cause: error });
  }
}

async function takeScreendump(vm: QemuVm, file: string): Promise<string | undefined> {
  try {
    const format = await vm.screendump(file);
    return format === 'png' ? file : undefined;
  } catch {
    return undefined; // the guest powered off first: no picture, not an error
  }
}
