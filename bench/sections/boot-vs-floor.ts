// Item 1: boot to verdict (QEMU start → closing probe line of the reference guest) against the
// floor (the same kernel, model and disk booting an initramfs that only powers off), per
// storage controller, alternating floor and guest boots so that noise hits both.
import { chmod, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import pLimit from 'p-limit';
import { parseGeometry } from '../../harness/disks/index.js';
import { bootGuest } from '../../harness/guest/boot-guest.js';
import { buildGuest } from '../../harness/guest/build-guest.js';
import { installGuest } from '../../harness/guest/install-guest.js';
import { resolveModel } from '../../harness/hardware/resolve-model.js';
import { hardwareCatalog } from '../../machines/catalog/models.js';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { reuseOrBuildMaster } from '../../harness/lifecycle/steps/master-cache.js';
import { bootFloor } from '../lib/boot-floor.js';
import type { BenchContext, SectionOutput } from '../lib/context.js';
import { writeFloorInitramfs } from '../lib/floor-initramfs.js';
import { unavailableRow, type BenchRow } from '../lib/row.js';
import { median, ratio } from '../lib/stats.js';

/** Storage controllers whose disk never appears to Linux (machines/README.md, mptsas1068): no verdict to time. */
const NEVER_BOOTS = new Set(['mptsas1068']);

/** One model per distinct storage controller of the catalog, in catalog order. */
export function pickModelsPerController(catalog: readonly HardwareModel[]): HardwareModel[] {
  const seen = new Set<string>();
  return catalog.filter((model) => {
    const device = model.storage.device;
    if (NEVER_BOOTS.has(device) || seen.has(device)) return false;
    seen.add(device);
    return true;
  });
}

interface ControllerTiming { model: string; storage: string; floorMs: number[]; guestMs: number[] }
interface ControllerFailure { model: string; storage: string; error: string }

/** Measures item 1: quick = one controller, one boot each; full = every controller, 5 boots each, two controllers at once. */
export async function benchBootVsFloor(context: BenchContext): Promise<SectionOutput> {
  const boots = context.quick ? 1 : 5;
  const models = context.quick ? [resolveModel('desktop-e1000')] : pickModelsPerController(hardwareCatalog);
  const dir = path.join(context.workDir, 'boot');
  await mkdir(dir, { recursive: true });
  const tree = await buildGuest();
  const kernel = path.join(tree.root, 'boot', 'vmlinux');
  const initramfs = path.join(dir, 'floor.cpio');
  await writeFloorInitramfs(initramfs);
  // Two VMs at once at most (2-core host): each controller's floor/guest pairs still alternate.
  const limit = pLimit(context.quick ? 1 : 2);
  const timings = await Promise.all(models.map((model) => limit(() => timeController(context, model, boots, kernel, initramfs, tree.hash, path.join(dir, model.name))
    .catch((error: unknown): ControllerFailure => ({ model: model.name, storage: model.storage.device, error: (error as Error).message })))));
  const rows: BenchRow[] = timings.map((timing) => {
    const figure = `boot to verdict / floor: ${timing.storage} (${timing.model})`;
    if ('error' in timing) return unavailableRow(1, figure, '×', timing.error.split('\n')[0]!.slice(0, 160), { op: '<=', value: 1.3, source: 'issue' });
    const floor = median(timing.floorMs);
    const guest = median(timing.guestMs);
    return {
      item: 1, figure, value: ratio(guest, floor), unit: '×',
      goal: { op: '<=', value: 1.3, source: 'issue' },
      note: `guest ${(guest / 1000).toFixed(2)} s vs floor ${(floor / 1000).toFixed(2)} s, median of ${timing.guestMs.length}`,
    };
  });
  return { rows, details: { boots, accel: context.accel, controllers: timings } };
}

async function timeController(context: BenchContext, model: HardwareModel, boots: number, kernel: string, initramfs: string, guestHash: string, dir: string): Promise<ControllerTiming> {
  await mkdir(dir, { recursive: true });
  try {
    let master = model.name === 'desktop-e1000' ? context.e1000Master : undefined;
    if (!master) {
      const disk = path.join(dir, 'master.img');
      master = disk;
      await reuseOrBuildMaster({ cacheDir: context.masterCache, key: `bench-boot:${model.name}:fat32-256M`, guestHash, disk }, async () => {
        context.log(`boot: installing the reference guest on ${model.name}`);
        await installGuest({ out: disk, model, geometry: parseGeometry({ size: '256M', filesystem: 'fat32' }), accel: context.accel, workDir: path.join(dir, 'install'), signal: context.signal });
        await chmod(disk, 0o444);
        return { disk };
      });
    }
    const timing: ControllerTiming = { model: model.name, storage: model.storage.device, floorMs: [], guestMs: [] };
    for (let run = 0; run < boots; run++) {
      const copy = path.join(dir, 'copy.img');
      await rm(copy, { force: true });
      await execa('cp', ['--sparse=always', master, copy]);
      // The lab's masters are read-only; the copy must be writable for the guest.
      await chmod(copy, 0o644);
      timing.floorMs.push(await bootFloor({ model, disk: copy, kernel, initramfs, accel: context.accel, workDir: path.join(dir, 'floor'), signal: context.signal }));
      const outcome = await bootGuest({ disk: copy, model, mode: 'normal', accel: context.accel, workDir: path.join(dir, `boot${run}`), signal: context.signal });
      if (!outcome.report?.complete || outcome.reportMs === undefined) throw new Error(`guest boot on ${model.name} gave no complete probe report (console: ${outcome.consoleLog})`);
      timing.guestMs.push(outcome.reportMs);
    }
    context.log(`boot: ${model.name} floor ${timing.floorMs.map((ms) => (ms / 1000).toFixed(2)).join(' ')} s, guest ${timing.guestMs.map((ms) => (ms / 1000).toFixed(2)).join(' ')} s`);
    return timing;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
