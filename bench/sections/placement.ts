// Item 6: what proving placement costs every boot. Milliseconds from QEMU's start to `cont`
// with the check (proveAndContinue: QMP, query-pci, compare) and without it (paused, `cont` at
// once), and from QEMU's start to its first QMP answer when it is not paused at all (its CPUs run
// from about then: the old boot). Same argv as a guest boot (the reference guest's kernel, the
// floor initramfs, a blank disk); the variants alternate so that noise hits all of them. Behind a
// bridge the proof ends after `cont`, once the firmware numbered the bus: timed on its own.
import { randomUUID } from 'node:crypto';
import { mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildGuest } from '../../harness/guest/build-guest.js';
import { buildKernelAppend } from '../../harness/guest/kernel-append.js';
import { resolveModel } from '../../harness/hardware/resolve-model.js';
import { buildQemuArgs } from '../../harness/qemu/build-args.js';
import { resolveConfinement } from '../../harness/qemu/confinement.js';
import { proveAndContinue } from '../../harness/qemu/prove-and-continue.js';
import { QemuVm } from '../../harness/qemu/vm.js';
import type { HardwareModel } from '../../machines/catalog/types.js';
import type { BenchContext, SectionOutput } from '../lib/context.js';
import { writeFloorInitramfs } from '../lib/floor-initramfs.js';
import type { BenchRow } from '../lib/row.js';
import { spread } from '../lib/stats.js';

/** How a boot starts: with the placement check, paused without it, or not paused. */
type Variant = 'check' | 'paused' | 'unpaused';
const VARIANTS: readonly Variant[] = ['check', 'paused', 'unpaused'];

interface BootTiming { variant: Variant; model: string; ms: number; checkMs?: number; numberingMs?: number }

/** Measures item 6: quick = 3 rounds, full = 10; each round boots every variant once, then the bridged model with the check. */
export async function benchPlacement(context: BenchContext): Promise<SectionOutput> {
  const rounds = context.quick ? 3 : 10;
  const dir = path.join(context.workDir, 'placement');
  await mkdir(dir, { recursive: true });
  const kernel = path.join((await buildGuest()).root, 'boot', 'vmlinux');
  const initramfs = path.join(dir, 'floor.cpio');
  await writeFloorInitramfs(initramfs);
  const plain = resolveModel('desktop-e1000');
  const bridged: HardwareModel = { ...plain, name: 'bench-e1000-bridged', bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }], nics: [{ device: 'e1000', bus: 'br1', slot: 3 }] };
  const timings: BootTiming[] = [];
  for (let round = 0; round < rounds; round += 1) {
    // The first variant of a round pays for a cold page cache now and then: rotate who goes first.
    const order = [...VARIANTS.slice(round % VARIANTS.length), ...VARIANTS.slice(0, round % VARIANTS.length)];
    for (const variant of order) timings.push(await timeStart(context, plain, variant, kernel, initramfs, path.join(dir, `${round}-${variant}`)));
    timings.push(await timeStart(context, bridged, 'check', kernel, initramfs, path.join(dir, `${round}-bridged`)));
  }
  const of = (variant: Variant, model = plain.name): number[] => timings.filter((entry) => entry.variant === variant && entry.model === model).map((entry) => entry.ms);
  const check = spread(of('check'));
  const paused = spread(of('paused'));
  const unpaused = spread(of('unpaused'));
  const bridgedCont = spread(of('check', bridged.name));
  const query = spread(timings.filter((entry) => entry.model === plain.name).flatMap((entry) => (entry.checkMs === undefined ? [] : [entry.checkMs])));
  const numbering = spread(timings.flatMap((entry) => (entry.numberingMs === undefined ? [] : [entry.numberingMs])));
  const describe = (figures: ReturnType<typeof spread>): string => `± ${figures.sd.toFixed(1)} ms (${figures.min.toFixed(0)}–${figures.max.toFixed(0)}), mean of ${figures.n}`;
  const rows: BenchRow[] = [
    { item: 6, figure: `placement: QEMU start → cont, with the check (${plain.name})`, value: check.mean, unit: 'ms', note: describe(check) },
    { item: 6, figure: 'placement: QEMU start → cont, paused without the check', value: paused.mean, unit: 'ms', note: describe(paused) },
    { item: 6, figure: 'placement: the check itself, while paused (query-pci + compare)', value: query.mean, unit: 'ms', note: describe(query) },
    {
      item: 6, figure: 'placement: the check\'s cost per boot (with − without)', value: check.mean - paused.mean, unit: 'ms',
      note: `against a boot that is not paused at all (QEMU start → first QMP answer ${unpaused.mean.toFixed(1)} ${describe(unpaused)}): ${(check.mean - unpaused.mean).toFixed(1)} ms`,
    },
    {
      item: 6, figure: `placement behind a pci-bridge: cont → bus numbered and proven (${bridged.name})`, value: numbering.mean, unit: 'ms',
      note: `${describe(numbering)}; QEMU start → cont ${bridgedCont.mean.toFixed(1)} ms; the guest runs meanwhile`,
    },
  ];
  return { rows, details: { rounds, accel: context.accel, summary: { check, paused, unpaused, query, bridgedCont, numbering }, timings } };
}

/** Starts one VM the given way and returns ms from QEMU's start to `cont` (unpaused: to its first QMP answer). */
async function timeStart(context: BenchContext, model: HardwareModel, variant: Variant, kernel: string, initramfs: string, dir: string): Promise<BootTiming> {
  await mkdir(dir, { recursive: true });
  const disk = path.join(dir, 'blank.img');
  await writeFile(disk, '');
  await truncate(disk, 1024 * 1024);
  const channels = { consoleLog: path.join(dir, 'console.log'), agentLog: path.join(dir, 'agent.log'), qmpSocket: path.join(dir, 'qmp.sock') };
  const command = buildQemuArgs({
    name: `placement-${variant}`, model, disks: [{ path: disk, format: 'raw' }], channels, macSeed: randomUUID(), accel: context.accel,
    paused: variant !== 'unpaused', confinement: await resolveConfinement(),
    boot: { kind: 'kernel', kernel, initrd: initramfs, append: buildKernelAppend({ mode: 'normal' }) },
  });
  const vm = await QemuVm.start(command, { name: `placement-${variant}`, workDir: dir, channels, signal: context.signal, machine: model.name });
  try {
    if (variant === 'check') {
      const proof = await proveAndContinue(vm, model, { signal: context.signal });
      return { variant, model: model.name, ms: proof.pausedMs, checkMs: proof.checkMs, ...(proof.numberingMs === undefined ? {} : { numberingMs: proof.numberingMs }) };
    }
    const qmp = await vm.qmp({ timeoutMs: 20_000 });
    if (variant === 'paused') await qmp.cont();
    return { variant, model: model.name, ms: performance.now() - vm.startedAt };
  } finally {
    await vm.kill();
    await rm(dir, { recursive: true, force: true });
  }
}
