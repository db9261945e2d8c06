import { randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { prepareOvmfVars } from '../../bootloaders/ovmf-vars.js';
import type { BootStop } from '../../probe/boot-stop.js';
import { buildQemuArgs } from '../../qemu/build-args.js';
import { resolveConfinement } from '../../qemu/confinement.js';
import { PlacementError } from '../../qemu/placement-error.js';
import { proveAndContinue, type PlacementProof } from '../../qemu/prove-and-continue.js';
import { qmpSocketPath } from '../../qemu/socket-path.js';
import type { Accel, BootSpec } from '../../qemu/types.js';
import { QemuVm, type VmResult } from '../../qemu/vm.js';
import { withTeardown } from '../../teardown/with-teardown.js';
import { classifyDebianConsole, MAX_CONSOLE_TAIL_CHARS, toBootStop } from '../probe/classify-console.js';
import { parseDebianProbeLines } from '../probe/parse-probe-lines.js';
import type { DebianProbeReport } from '../probe/probe-schema.js';
import { findLinuxRoot } from './find-linux-root.js';
import { readLinuxBootFiles } from './read-boot-files.js';

/** Kernel arguments the direct path adds to the image's own: the console on COM1, and a lost root ends the boot (reset, and QEMU's -no-reboot exits) instead of waiting at a shell. */
export const DIRECT_BOOT_APPEND = ['console=ttyS0,115200', 'panic=10', 'rootdelay=10'];

/** One boot of a Linux disk by one boot path. */
export interface BootLinuxInput {
  disk: string;
  format: 'raw' | 'qcow2';
  /** A raw disk with the same /boot and root as `disk` (an overlay's backing master); default `disk`. */
  readFrom?: string;
  model: HardwareModel;
  bootPath: 'direct' | 'bios' | 'uefi';
  accel: Accel;
  workDir: string;
  bootFileStore: string;
  signal: AbortSignal;
  timeoutMs: number;
}

/** What one boot of a Linux disk gave. */
export interface BootLinuxOutcome {
  report?: DebianProbeReport;
  stop?: BootStop;
  malformed: number;
  vm: VmResult;
  consoleLog: string;
  agentLog: string;
  screenshot?: string;
  macs: string[];
  reportMs?: number;
  placement?: PlacementProof;
  /** The root filesystem's UUID on the disk, read on the host before the boot. */
  rootUuid: string;
}

/**
 * Boots a Linux disk with the lab's probe in it and reads the report from COM2: `direct` (the
 * harness reads the clone's own kernel, initrd and command line), `bios` (SeaBIOS → the image's
 * GRUB), `uefi` (OVMF with this boot's own variables → the ESP's loader). QEMU starts paused and
 * runs once placement is proven. A boot that never reports is named from its console.
 * @example const outcome = await bootLinux({ disk: 'clone.img', format: 'raw', model, bootPath: 'direct', … })
 */
export async function bootLinux(input: BootLinuxInput): Promise<BootLinuxOutcome> {
  const workDir = path.resolve(input.workDir);
  await mkdir(workDir, { recursive: true });
  const root = await findLinuxRoot(input.readFrom ?? input.disk);
  const boot = await chooseBoot(input, root, workDir);
  return withTeardown(async (teardown) => {
    const channels = { consoleLog: path.join(workDir, 'console.log'), agentLog: path.join(workDir, 'agent.log'), qmpSocket: qmpSocketPath(workDir) };
    await Promise.all(Object.values(channels).map((file) => rm(file, { force: true })));
    const command = buildQemuArgs({
      name: `linux-${input.model.name}`, model: input.model, disks: [{ path: path.resolve(input.disk), format: input.format, logicalSectorSize: root.layout.sectorSize }],
      boot, channels, macSeed: randomUUID(), accel: input.accel, paused: true, confinement: await resolveConfinement(),
    });
    const vm = await QemuVm.start(command, { name: `linux-${input.model.name}`, workDir, channels, signal: input.signal, machine: input.model.name });
    teardown.defer('remove the QMP socket', () => rm(channels.qmpSocket, { force: true }));
    teardown.defer('stop the VM', () => vm.stop());
    const started = performance.now();
    const left = (): number => Math.max(1000, input.timeoutMs - (performance.now() - started));
    const placement = await proveAndContinue(vm, input.model, { qmpTimeoutMs: Math.min(20_000, input.timeoutMs), signal: input.signal }).catch((error: unknown) => {
      if (error instanceof PlacementError || !vm.exited) throw error;
      return undefined;
    });
    let reportMs: number | undefined;
    let screenshot: string | undefined;
    try {
      await vm.waitForAgentLine((line) => /"t":"end"/.test(line), { timeoutMs: left(), what: 'the end of the Debian probe report', onTimeout: 'keep' });
      reportMs = performance.now() - started;
      screenshot = await vm.screendump(path.join(workDir, 'screen.png')).then((format) => (format === 'png' ? path.join(workDir, 'screen.png') : undefined), () => undefined);
    } catch {
      // No complete report: the console says why; the exit wait applies the time limit.
    }
    const result = await vm.waitForExit({ timeoutMs: left() }).catch(() => vm.stop());
    const { report, malformed } = parseDebianProbeLines(vm.agentLines());
    const complete = report !== undefined && reportMs !== undefined;
    const classified = complete ? {} : classifyDebianConsole(await readTail(channels.consoleLog));
    return {
      ...(complete ? { report } : {}), ...(classified.stop ? { stop: toBootStop(classified.stop, { rootUuid: root.uuid }) } : {}),
      malformed: malformed.length, vm: result, consoleLog: channels.consoleLog, agentLog: channels.agentLog, macs: command.macs,
      ...(screenshot ? { screenshot } : {}), ...(reportMs === undefined ? {} : { reportMs }), ...(placement ? { placement } : {}), rootUuid: root.uuid,
    };
  });
}

async function chooseBoot(input: BootLinuxInput, root: Awaited<ReturnType<typeof findLinuxRoot>>, workDir: string): Promise<BootSpec> {
  if (input.bootPath === 'bios') return { kind: 'firmware', firmware: 'bios' };
  if (input.bootPath === 'uefi') return prepareOvmfVars(workDir);
  const files = await readLinuxBootFiles(input.readFrom ?? input.disk, root, workDir, input.bootFileStore, input.signal);
  const own = files.cmdline.split(' ').filter((word) => !DIRECT_BOOT_APPEND.some((added) => word.split('=')[0] === added.split('=')[0]));
  return { kind: 'kernel', kernel: files.kernel, ...(files.initrd ? { initrd: files.initrd } : {}), append: [...own, ...DIRECT_BOOT_APPEND].join(' ') };
}

/** The console's last bytes: a guest may write gigabytes there. */
async function readTail(file: string): Promise<string> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return '';
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, MAX_CONSOLE_TAIL_CHARS * 4);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
