import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { InfrastructureError } from '../errors/errors.js';
import { resolveConfinement } from './confinement.js';
import { buildQemuArgs } from './build-args.js';
import { comparePlacement, type PlacementEvidence } from './compare-placement.js';
import { listExpectedPlacements } from './expected-placement.js';
import type { PciFunction } from './pci-info.js';
import type { Accel } from './types.js';
import { QemuVm } from './vm.js';
import { withTeardown } from '../teardown/with-teardown.js';

/** Proof that QEMU put every device of a model where the model says. */
export interface PlacementProof {
  model: string;
  chipset: HardwareModel['chipset'];
  accel: Accel;
  /** QEMU's version, from the QMP greeting. */
  qemuVersion: string;
  /** One entry per device of the model: expected vs found. */
  devices: PlacementEvidence[];
  /** Everything `query-pci` listed (the chipset's own functions too). */
  pci: PciFunction[];
  /** The repro script of the paused VM. */
  runScript: string;
}

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
 * Starts the model's VM paused (`-S`, CPUs never run), asks QEMU for its PCI tree (`query-pci`)
 * and checks every NIC, video card and storage controller against the model and the registry.
 * A mismatch is an InfrastructureError (step `placement`) listing each one.
 * @example const proof = await provePlacement(resolveModel('desktop-lsi'), { accel: 'tcg', workDir: 'out/desktop-lsi' });
 */
export async function provePlacement(model: HardwareModel, options: PlacementOptions): Promise<PlacementProof> {
  const expected = listExpectedPlacements(model);
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
    const qmp = await vm.qmp({ timeoutMs: options.timeoutMs ?? 20_000 });
    const pci = await qmp.queryPci();
    const qemuVersion = `${qmp.version.major}.${qmp.version.minor}.${qmp.version.micro}`;
    await qmp.quit();
    await vm.waitForExit({ timeoutMs: 10_000 });
    const devices = comparePlacement(expected, pci);
    const mismatches = devices.filter((device) => !device.ok);
    if (mismatches.length > 0) {
      throw new InfrastructureError(
        `PCI placement of model "${model.name}" differs from the model:\n${mismatches.map((device) => `  - ${device.mismatch}`).join('\n')}\nRepro: ${vm.runScript}`,
        { step: 'placement', machine: model.name },
      );
    }
    return { model: model.name, chipset: model.chipset, accel: options.accel, qemuVersion, devices, pci, runScript: vm.runScript };
  });
}

