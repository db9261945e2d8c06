// Benchmark (not a test): boot-to-probe-report of the reference guest under TCG, per storage
// controller, next to the floor measured in the same run: the same kernel and hardware booting
// an initramfs whose init only powers off. Also prints the loader sizes.
// Run: node dist/bench/guest/boot-vs-floor.js [--boots N] [--fs fat32|ntfs] [--models a,b,c]
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { execa } from 'execa';
import { parseGeometry } from '../../harness/disks/index.js';
import { bootGuest } from '../../harness/guest/boot-guest.js';
import { buildGuest } from '../../harness/guest/build-guest.js';
import { installGuest } from '../../harness/guest/install-guest.js';
import { storagePieceKey } from '../../harness/guest/store-plan.js';
import { resolveModel } from '../../harness/hardware/resolve-model.js';
import { findDevice } from '../../machines/devices/registry.js';
import { bootFloor } from '../lib/boot-floor.js';
import { writeFloorInitramfs } from '../lib/floor-initramfs.js';

const { values } = parseArgs({
  options: {
    boots: { type: 'string', default: '3' },
    fs: { type: 'string', default: 'fat32' },
    models: { type: 'string', default: 'desktop-e1000,desktop-lsi,desktop-ahci,cloud-virtio-scsi,cloud-virtio-blk,workstation-nvme' },
  },
});
const boots = Number(values.boots);
const filesystem = values.fs as 'fat32' | 'ntfs';

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const dir = await mkdtemp(path.join(tmpdir(), 'clonelab-bench-guest-'));
try {
  const tree = await buildGuest();
  const floor = path.join(dir, 'floor.img');
  await writeFloorInitramfs(floor);
  const kernel = path.join(tree.root, 'boot', 'vmlinux');
  const failures: string[] = [];
  const table = new Table({ head: ['model', 'storage', 'floor median s', 'guest report median s', 'ratio', 'guest runs s', 'loader KiB'] });
  for (const name of (values.models ?? '').split(',').filter(Boolean)) {
    const model = resolveModel(name);
    const workDir = path.join(dir, name);
    const master = path.join(dir, `${name}.img`);
    try {
      await installGuest({ out: master, model, geometry: parseGeometry({ size: '256M', filesystem }), accel: 'tcg', workDir: path.join(workDir, 'install') });
    } catch (error) {
      failures.push(`${name} install: ${(error as Error).message}`);
      continue;
    }
    const floors: number[] = [];
    const guests: number[] = [];
    for (let run = 0; run < boots; run++) {
      const copy = path.join(workDir, 'copy.img');
      await execa('cp', ['--sparse=always', master, copy]);
      floors.push(await bootFloor({ model, disk: copy, kernel, initramfs: floor, accel: 'tcg', workDir }));
      const outcome = await bootGuest({ disk: copy, model, mode: 'normal', accel: 'tcg', workDir: path.join(workDir, `boot${run}`) });
      if (!outcome.report?.complete || outcome.reportMs === undefined) {
        const console = await readFile(outcome.consoleLog, 'utf8').catch(() => '');
        failures.push(`${name} boot ${run}: ${outcome.stop ? `STOP ${outcome.stop}` : 'no complete report'}, exit ${outcome.vm.exitCode ?? outcome.vm.signal}, timed out ${outcome.vm.timedOut}; console: ${console.trim().split('\n').slice(-3).join(' | ')}`);
        continue;
      }
      guests.push(outcome.reportMs);
    }
    const storage = findDevice(model.storage.device);
    const key = storage ? storagePieceKey(storage) : '?';
    const fsPiece = filesystem === 'ntfs' ? 'fs-ntfs' : 'fs-fat';
    // As setup builds it: base, FAT (always), NTFS (on NTFS), the storage driver.
    const loader = (tree.pieceSizes.base ?? 0) + (tree.pieceSizes['fs-fat'] ?? 0) + (fsPiece === 'fs-ntfs' ? (tree.pieceSizes['fs-ntfs'] ?? 0) : 0) + (tree.pieceSizes[`stor-${key}`] ?? 0);
    if (guests.length === 0) continue;
    table.push([name, model.storage.device, (median(floors) / 1000).toFixed(2), (median(guests) / 1000).toFixed(2),
      (median(guests) / median(floors)).toFixed(2), guests.map((ms) => (ms / 1000).toFixed(2)).join(' '), (loader / 1024).toFixed(0)]);
    await rm(workDir, { recursive: true, force: true });
    await rm(master, { force: true });
  }
  console.log(`reference guest boot-to-probe-report vs floor (${filesystem}, TCG, ${boots} boots each, load average ${(await readFile('/proc/loadavg', 'utf8')).split(' ')[0]})`);
  console.log(table.toString());
  for (const failure of failures) console.log(`failed: ${failure}`);
  console.log('loader pieces (KiB):', Object.entries(tree.pieceSizes).map(([piece, size]) => `${piece} ${(size / 1024).toFixed(0)}`).join(', '));
} finally {
  await rm(dir, { recursive: true, force: true });
}
