import { setTimeout as sleep } from 'node:timers/promises';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { comparePlacement, type PlacementEvidence } from './compare-placement.js';
import { listExpectedPlacements } from './expected-placement.js';
import { busesNumbered, type PciFunction } from './pci-info.js';
import { PlacementError } from './placement-error.js';
import type { QmpSession } from './qmp-session.js';
import type { QemuVm } from './vm.js';

/** Proof that QEMU put every device (and bridge) of a model where the model says. */
export interface PlacementProof {
  model: string;
  chipset: HardwareModel['chipset'];
  /** QEMU's version, from the QMP greeting. */
  qemuVersion: string;
  /** One entry per device of the model, then per bridge: expected vs found. */
  devices: PlacementEvidence[];
  /** Everything `query-pci` listed when the proof was made (the chipset's own functions too). */
  pci: PciFunction[];
  /**
   * `paused`: proven before the CPUs ran. `firmware-numbered`: the model has bridges, whose
   * buses QEMU lists only once the firmware numbered them, so the devices behind them (and the
   * bus numbers) were proven in the first moments after `cont`; bus 0 was queried paused.
   */
  provenWhen: 'paused' | 'firmware-numbered';
  /** Milliseconds from QEMU's start to the answer of `cont` (the CPUs run from then). */
  pausedMs: number;
  /** Milliseconds the paused `query-pci` and the comparison took. */
  checkMs: number;
  /** Milliseconds from `cont` until the buses behind the bridges were numbered and compared (models with bridges). */
  numberingMs?: number;
  /** The repro script of the VM. */
  runScript: string;
}

/** Options of `proveAndContinue`. */
export interface ProveOptions {
  /** Deadline for QEMU to answer on QMP (default 20 s). */
  qmpTimeoutMs?: number;
  /** Deadline for the firmware to number the buses behind bridges, after `cont` (default 10 s). */
  numberingTimeoutMs?: number;
  signal?: AbortSignal;
}

const POLL_MS = 20;

/**
 * Proves the placement of a VM started paused (`-S`) and starts its CPUs (`cont`): `query-pci`
 * is compared with the model's devices and bridges (listExpectedPlacements). A model without
 * bridges is judged before its CPUs ever run. Behind a bridge QEMU lists nothing until the
 * firmware gave the bridge a bus number, so a model with bridges is judged once the firmware
 * (SeaBIOS, its first tens of milliseconds) numbered them. A mismatch stops the VM and is a
 * PlacementError naming each device, the address the model gives it and where QEMU has it.
 * @example const vm = await QemuVm.start(buildQemuArgs({ ...input, paused: true }), options); const proof = await proveAndContinue(vm, model);
 */
export async function proveAndContinue(vm: QemuVm, model: HardwareModel, options: ProveOptions = {}): Promise<PlacementProof> {
  const expected = listExpectedPlacements(model);
  const qmp = await vm.qmp({ timeoutMs: options.qmpTimeoutMs ?? 20_000 });
  const qemuVersion = `${qmp.version.major}.${qmp.version.minor}.${qmp.version.micro}`;
  const checkStarted = performance.now();
  const paused = await qmp.queryPci();
  const rootEvidence = comparePlacement(expected.filter((entry) => entry.bus === 0), paused);
  const checkMs = performance.now() - checkStarted;
  const bridged = expected.some((entry) => entry.kind === 'bridge' || entry.bus !== 0);
  const base = { model: model.name, chipset: model.chipset, qemuVersion, checkMs, runScript: vm.runScript };
  if (!bridged) {
    if (rootEvidence.some((entry) => !entry.ok)) await fail(vm, model, rootEvidence, 'before its CPUs ran');
    await qmp.cont();
    return { ...base, devices: rootEvidence, pci: paused, provenWhen: 'paused', pausedMs: performance.now() - vm.startedAt };
  }
  // A bus-0 mismatch is judged with the rest: a device missing from bus 0 may sit behind a bridge, which only numbering shows.
  await qmp.cont();
  const pausedMs = performance.now() - vm.startedAt;
  const continued = performance.now();
  const { pci, evidence } = await awaitNumbering(qmp, expected, continued + (options.numberingTimeoutMs ?? 10_000), options.signal);
  if (evidence.some((entry) => !entry.ok)) {
    const late = busesNumbered(pci) ? '' : ` (the firmware had not numbered the buses behind the bridges within ${options.numberingTimeoutMs ?? 10_000} ms)`;
    await fail(vm, model, evidence, `once the firmware had run to number the buses behind its bridges${late}`);
  }
  return { ...base, devices: evidence, pci, provenWhen: 'firmware-numbered', pausedMs, numberingMs: performance.now() - continued };
}

/**
 * Polls `query-pci` after `cont` until every entry is where the model says, or the firmware has
 * numbered every bridge and two answers agree (it is done: the placement is what it is), or the deadline.
 */
async function awaitNumbering(qmp: QmpSession, expected: Parameters<typeof comparePlacement>[0], deadline: number, signal: AbortSignal | undefined): Promise<{ pci: PciFunction[]; evidence: PlacementEvidence[] }> {
  let previous = '';
  for (;;) {
    const pci = await qmp.queryPci();
    const evidence = comparePlacement(expected, pci);
    const text = JSON.stringify(pci);
    if (evidence.every((entry) => entry.ok) || (busesNumbered(pci) && text === previous) || performance.now() >= deadline) return { pci, evidence };
    previous = text;
    await sleep(POLL_MS, undefined, signal ? { signal } : {});
  }
}

async function fail(vm: QemuVm, model: HardwareModel, evidence: PlacementEvidence[], when: string): Promise<never> {
  // The lab would test other hardware than the model names: the VM does not go on.
  await vm.stop();
  const lines = evidence.filter((entry) => !entry.ok).map((entry) => `  - ${entry.mismatch}`);
  throw new PlacementError(
    `PCI placement of model "${model.name}" differs from the model:\n${lines.join('\n')}\nThe VM was stopped ${when}. Repro: ${vm.runScript}`,
    evidence, { machine: model.name },
  );
}
