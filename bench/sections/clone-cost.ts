// Item 2: what the lab's clone steps cost next to the raw tools doing the same work: sector clone
// vs cp --sparse=always, WIM capture/apply per compression vs wimlib-imagex, overlay creation vs
// qemu-img create. Each as a ratio, with MB/s. Method after bench/disks/imaging.ts.
import { mkdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { createDisk, parseGeometry } from '../../harness/disks/index.js';
import { applyWimToDisk, captureWim, cloneMethods, type WimCompression } from '../../harness/imaging/index.js';
import type { BenchContext, SectionOutput } from '../lib/context.js';
import { makeTree } from '../lib/make-tree.js';
import type { BenchRow, Goal } from '../lib/row.js';
import { megabytesPerSecond, median, ratio } from '../lib/stats.js';
import { bestOfMs, timeMs } from '../lib/time.js';

/** The lab wraps the same tools: a bound the bench sets (the issue sets none) for its extra work. */
const WRAP_GOAL: Goal = { op: '<=', value: 1.25, source: 'bench' };
/** A sector clone is capture + apply (two passes, plus the partition table) against one cp. */
const SECTOR_GOAL: Goal = { op: '<=', value: 2.5, source: 'bench' };

const WIMLIB_FLAGS: Record<WimCompression, string[]> = {
  none: ['--compress=none'], xpress: ['--compress=XPRESS'], lzx: ['--compress=LZX'], 'lzms-solid': ['--solid', '--compress=LZMS'],
};

/** Measures item 2: quick = a 1 MiB tree, one run each; full = 60 MiB, best of 3. */
export async function benchCloneCost(context: BenchContext): Promise<SectionOutput> {
  const runs = context.quick ? 1 : 3;
  const dir = path.join(context.workDir, 'imaging');
  const tree = path.join(dir, 'tree');
  await mkdir(dir, { recursive: true });
  const treeBytes = await makeTree(tree, context.quick ? 1 : 60);
  const ntfsGeometry = parseGeometry({ size: '256M', filesystem: 'ntfs' });
  const rows: BenchRow[] = [];
  const details: Record<string, { labMs: number; directMs: number }> = {};
  const push = (figure: string, labMs: number, directMs: number, bytes: number, direct: string, goal: Goal): void => {
    details[figure] = { labMs, directMs };
    const speed = bytes > 0 ? `, ${megabytesPerSecond(bytes, labMs).toFixed(0)} MB/s vs ${megabytesPerSecond(bytes, directMs).toFixed(0)} MB/s` : '';
    rows.push({ item: 2, figure, value: ratio(labMs, directMs), unit: '×', goal, note: `${labMs.toFixed(0)} ms vs ${direct} ${directMs.toFixed(0)} ms${speed}` });
  };
  const compressions: WimCompression[] = ['none', 'xpress', 'lzx', 'lzms-solid'];
  for (const compress of compressions) {
    const labWim = path.join(dir, `lab-${compress}.wim`);
    const directWim = path.join(dir, `direct-${compress}.wim`);
    const lab = await bestOfMs(runs, () => captureWim(tree, labWim, { compress }));
    const direct = await bestOfMs(runs, async () => {
      await rm(directWim, { force: true });
      await execa('wimlib-imagex', ['capture', tree, directWim, 'tree', ...WIMLIB_FLAGS[compress]]);
    });
    push(`WIM capture ${compress} (lab / wimlib-imagex)`, lab, direct, treeBytes, 'wimlib-imagex capture', WRAP_GOAL);
    const target = path.join(dir, 'applied.img');
    const labApply = await bestOfMs(runs, () => applyWimToDisk(labWim, target, ntfsGeometry));
    const part = path.join(dir, 'direct.ntfs');
    const directApply = await bestOfMs(runs, async () => {
      await writeFile(part, '');
      await truncate(part, 255 * 1024 ** 2);
      await execa('mkntfs', ['-q', '-F', '-Q', '-p', '2048', '-H', '255', '-S', '63', part]);
      await execa('wimlib-imagex', ['apply', labWim, '1', part]);
    });
    push(`WIM apply ${compress} to 256 MiB NTFS (lab / mkntfs + wimlib-imagex)`, labApply, directApply, treeBytes, 'mkntfs + apply', WRAP_GOAL);
  }
  const ntfs = path.join(dir, 'ntfs.img');
  await createDisk(ntfs, ntfsGeometry, { fromDir: tree });
  const diskBytes = (await stat(ntfs)).size;
  const sector = await bestOfMs(runs, async () => {
    const captured = await cloneMethods.sector.capture(ntfs, { out: path.join(dir, 'sector.raw') });
    await cloneMethods.sector.apply(captured, path.join(dir, 'sector.img'), ntfsGeometry);
  });
  const cp = await bestOfMs(runs, () => execa('cp', ['--sparse=always', ntfs, path.join(dir, 'cp.img')]));
  push('sector clone 256 MiB NTFS (lab capture + apply / cp --sparse=always)', sector, cp, diskBytes, 'cp', SECTOR_GOAL);
  const master = await cloneMethods.overlay.capture(ntfs, { out: '' });
  const count = context.quick ? 3 : 10;
  const lab: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < count; i++) {
    lab.push(await timeMs(() => cloneMethods.overlay.apply(master, path.join(dir, `child${i}.qcow2`), ntfsGeometry)));
    direct.push(await timeMs(() => execa('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', ntfs, path.join(dir, `direct${i}.qcow2`)])));
  }
  push(`overlay creation per target, median of ${count} (lab / qemu-img create)`, median(lab), median(direct), 0, 'qemu-img create', WRAP_GOAL);
  await rm(dir, { recursive: true, force: true });
  return { rows, details: { treeBytes, runs, steps: details } };
}
