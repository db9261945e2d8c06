// Benchmark (not a test): disk composition, WIM capture/apply against wimlib-imagex run
// directly, sector clone against cp --sparse=always, and overlay creation per target.
// Run: node dist/bench/disks/imaging.js [TREE_MB]
import { execa } from 'execa';
import { rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Table from 'cli-table3';
import { createDisk, parseGeometry } from '../../harness/disks/index.js';
import { withTempDir } from '../../harness/disks/temp-path.js';
import { makeTree } from '../lib/make-tree.js';
import { applyWimToDisk, captureWim, cloneMethods, type WimCompression } from '../../harness/imaging/index.js';

const treeMiB = Number(process.argv[2] ?? 60);

/** Times one async step in milliseconds. */
async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Best of `runs` timings (the least disturbed by other work on the machine). */
async function best(runs: number, work: () => Promise<unknown>): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) fastest = Math.min(fastest, await time(work));
  return fastest;
}


await withTempDir(async (dir) => {
  const tree = path.join(dir, 'tree');
  await makeTree(tree, treeMiB);
  const rows: Array<[string, string, string, string]> = [];
  const fat = path.join(dir, 'fat32.img');
  const ntfs = path.join(dir, 'ntfs.img');
  rows.push(['compose 256 MiB FAT32 from tree', (await best(3, () => createDisk(fat, parseGeometry({ size: '256M', filesystem: 'fat32' }), { fromDir: tree }))).toFixed(0), '', '']);
  rows.push(['compose 256 MiB NTFS from tree', (await best(3, () => createDisk(ntfs, parseGeometry({ size: '256M', filesystem: 'ntfs' }), { fromDir: tree }))).toFixed(0), '', '']);
  for (const compress of ['none', 'xpress', 'lzx', 'lzms-solid'] as WimCompression[]) {
    const flags = { none: ['--compress=none'], xpress: ['--compress=XPRESS'], lzx: ['--compress=LZX'], 'lzms-solid': ['--solid', '--compress=LZMS'] }[compress];
    const labWim = path.join(dir, `lab-${compress}.wim`);
    const directWim = path.join(dir, `direct-${compress}.wim`);
    const lab = await best(3, () => captureWim(tree, labWim, { compress }));
    const direct = await best(3, async () => { await rm(directWim, { force: true }); await execa('wimlib-imagex', ['capture', tree, directWim, 'tree', ...flags]); });
    rows.push([`WIM capture ${compress} (lab vs wimlib-imagex)`, lab.toFixed(0), direct.toFixed(0), (lab / direct).toFixed(2)]);
    const target = path.join(dir, 'applied.img');
    const labApply = await best(3, () => applyWimToDisk(labWim, target, parseGeometry({ size: '256M', filesystem: 'ntfs' })));
    const part = path.join(dir, 'direct.ntfs');
    const directApply = await best(3, async () => {
      await writeFile(part, '');
      await truncate(part, 255 * 1024 ** 2);
      await execa('mkntfs', ['-q', '-F', '-Q', '-p', '2048', '-H', '255', '-S', '63', part]);
      await execa('wimlib-imagex', ['apply', labWim, '1', part]);
    });
    rows.push([`WIM apply ${compress} to 256 MiB NTFS (lab vs mkntfs+apply)`, labApply.toFixed(0), directApply.toFixed(0), (labApply / directApply).toFixed(2)]);
  }
  const sector = await best(3, async () => {
    const captured = await cloneMethods.sector.capture(ntfs, { out: path.join(dir, 'sector.raw') });
    await cloneMethods.sector.apply(captured, path.join(dir, 'sector.img'), parseGeometry({ size: '256M', filesystem: 'ntfs' }));
  });
  const cp = await best(3, () => execa('cp', ['--sparse=always', ntfs, path.join(dir, 'cp.img')]));
  rows.push(['sector clone 256 MiB NTFS (lab capture+apply vs cp --sparse=always)', sector.toFixed(0), cp.toFixed(0), (sector / cp).toFixed(2)]);
  const master = await cloneMethods.overlay.capture(ntfs, { out: '' });
  const overlays: number[] = [];
  for (let i = 0; i < 10; i++) overlays.push(await time(() => cloneMethods.overlay.apply(master, path.join(dir, `child${i}.qcow2`), parseGeometry({ size: '256M', filesystem: 'ntfs' }))));
  rows.push(['overlay creation per target (median of 10)', overlays.sort((a, b) => a - b)[5]!.toFixed(1), '', '']);
  const table = new Table({ head: ['step', 'lab ms', 'direct ms', 'ratio'], style: { head: [], border: [] } });
  table.push(...rows);
  console.log(`tree: ${treeMiB} MiB from /usr/lib/x86_64-linux-gnu\n${table.toString()}`);
});
