// Item 8 (issue 15): the Debian guest. The Debian system's build (the cached call; the cold build
// as its cache entry recorded it, or again into a temporary cache with --cold), one install on
// desktop-e1000, and per boot path the installed master's boot to verdict against the Debian
// floor (the same image whose probe unit only powers off), floor and guest alternating.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildDebianSystem } from '../../harness/debian/build/build-system.js';
import { parseGeometry } from '../../harness/disks/index.js';
import { cacheDir } from '../../harness/host/cache-dir.js';
import { resolveModel } from '../../harness/hardware/resolve-model.js';
import { debianProfile } from '../../harness/profiles/debian/debian-profile.js';
import { bootPaths, type BootPath } from '../../harness/profiles/types.js';
import type { BenchContext, SectionOutput } from '../lib/context.js';
import { readBuildRecord } from '../lib/debian-build-record.js';
import { timeDebianBootPath } from '../lib/debian-boots.js';
import { makeDebianFloorImage } from '../lib/debian-floor.js';
import { buildDebianBootRow, buildDebianBuildRows, buildDebianInstallRow, type DebianBuildTimes, type DebianPathFailure, type DebianPathTiming } from '../lib/debian-rows.js';
import type { BenchRow } from '../lib/row.js';
import { timeMs } from '../lib/time.js';

const INSTALL_MODEL = 'desktop-e1000';
const MASTER_SIZE = '1536M';
// The install boot's path: direct skips the firmware, so the figure is the install's own work.
const INSTALL_PATH: BootPath = 'direct';
const INSTALL_TIMEOUT_MS = 30 * 60_000;

/** Measures item 8; `cold` rebuilds the Debian system into a temporary cache (never the user's). */
export async function benchDebian(context: BenchContext, options: { cold: boolean }): Promise<SectionOutput> {
  const rounds = context.quick ? 1 : 3;
  const dir = path.join(context.workDir, 'debian');
  await mkdir(dir, { recursive: true });
  try {
    const build = await measureBuild(context, dir, options.cold);
    const rows: BenchRow[] = buildDebianBuildRows(build);
    const model = resolveModel(INSTALL_MODEL);
    const master = path.join(dir, 'master.img');
    const bootFileStore = path.join(dir, 'boot-files');
    let installSeconds: number;
    try {
      context.log(`debian: installing on ${INSTALL_MODEL} (${INSTALL_PATH} path, ${MASTER_SIZE} ext4)`);
      installSeconds = await timeMs(() => debianProfile.install({
        accel: context.accel, bootFileStore, signal: context.signal, timeoutMs: INSTALL_TIMEOUT_MS, master: { boot: INSTALL_PATH, install: {} },
        model, out: master, workDir: path.join(dir, 'install'), geometry: parseGeometry({ size: MASTER_SIZE, filesystem: 'ext4' }),
      })) / 1000;
    } catch (error) {
      if (context.signal.aborted) throw error;
      const reason = (error as Error).message.split('\n')[0]!.slice(0, 200);
      rows.push(buildDebianInstallRow({ error: reason, model: INSTALL_MODEL }));
      for (const bootPath of bootPaths) rows.push(buildDebianBootRow({ path: bootPath, error: 'no installed master (the install failed)' }));
      return { rows, details: { build, install: { error: reason } } };
    }
    context.log(`debian: installed in ${installSeconds.toFixed(1)} s`);
    rows.push(buildDebianInstallRow({ seconds: installSeconds, model: INSTALL_MODEL, bootPath: INSTALL_PATH, size: MASTER_SIZE }));
    const floor = path.join(dir, 'floor.img');
    await makeDebianFloorImage(master, floor, context.signal);
    const setup = { master, floor, model, accel: context.accel, bootFileStore, workDir: path.join(dir, 'boots'), signal: context.signal, log: context.log };
    await mkdir(setup.workDir, { recursive: true });
    const paths: (DebianPathTiming | DebianPathFailure)[] = [];
    // One boot at a time: Debian boots are CPU-bound under TCG and the host may have two cores.
    for (const bootPath of bootPaths) {
      paths.push(await timeDebianBootPath(setup, bootPath, rounds).catch((error: unknown) => {
        if (context.signal.aborted) throw error;
        context.log(`debian: ${bootPath} failed: ${(error as Error).message}`);
        return { path: bootPath, error: (error as Error).message.slice(0, 300) };
      }));
    }
    rows.push(...paths.map(buildDebianBootRow));
    return { rows, details: { rounds, accel: context.accel, model: INSTALL_MODEL, build, install: { seconds: installSeconds, bootPath: INSTALL_PATH, size: MASTER_SIZE }, paths } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The cached call (a second one when the first had to build), and the cold time: measured with `cold`, else as recorded. */
async function measureBuild(context: BenchContext, dir: string, cold: boolean): Promise<DebianBuildTimes> {
  const first = await buildDebianSystem({ cacheDir: cacheDir(), signal: context.signal, log: context.log });
  const cached = first.builtNow ? await buildDebianSystem({ cacheDir: cacheDir(), signal: context.signal }) : first;
  const record = await readBuildRecord(first.dir);
  const times: DebianBuildTimes = { key: first.key, cachedSeconds: cached.seconds, cacheWasEmpty: first.builtNow, ...(record ? { record } : {}) };
  if (first.builtNow) return { ...times, coldMeasured: first.seconds };
  if (!cold) return times;
  const temporary = path.join(dir, 'cold-cache');
  try {
    context.log('debian: --cold: building the Debian system into a temporary cache (minutes; downloads the kernel package and Debian packages)');
    const built = await buildDebianSystem({ cacheDir: temporary, signal: context.signal, log: context.log });
    return { ...times, coldMeasured: built.seconds };
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}
