// Item 8's rows (the Debian guest, issue 15): build, install and boot to verdict against the
// Debian floor per boot path, from the section's raw measurements. Pure, so it is tested alone.
import { formatNumber } from './format-table.js';
import { unavailableRow, type BenchRow } from './row.js';
import { median, ratio } from './stats.js';
import type { DebianBuildRecord } from './debian-build-record.js';

/** The build figures: the cached call, and the cold build measured now (`--cold`) or as recorded. */
export interface DebianBuildTimes {
  key: string;
  cachedSeconds: number;
  /** True when the first call found the cache empty and built it (that time is then the cold one). */
  cacheWasEmpty: boolean;
  coldMeasured?: number;
  record?: DebianBuildRecord;
}

/** One boot path's boots, floor and guest alternating: ms from QEMU start to the floor's exit, to the guest's end line, to its exit. */
export interface DebianPathTiming { path: string; floorMs: number[]; reportMs: number[]; exitMs: number[] }
/** A boot path whose boots could not be timed, and why. */
export interface DebianPathFailure { path: string; error: string }

const seconds = (ms: number): string => formatNumber(ms / 1000);

/** The two build rows (cached, cold), each saying where its number comes from. */
export function buildDebianBuildRows(times: DebianBuildTimes): BenchRow[] {
  const cached: BenchRow = {
    item: 8, figure: 'Debian build, cached (buildDebianSystem on a cache hit)', value: times.cachedSeconds, unit: 's',
    note: times.cacheWasEmpty ? `cache entry ${times.key} was empty: this run built it, then timed a second call` : `cache entry ${times.key}`,
  };
  const figure = 'Debian build, cold (mmdebstrap + unpack)';
  if (times.coldMeasured !== undefined) {
    const how = times.cacheWasEmpty ? 'measured now: the cache had no entry' : 'measured now into a temporary cache (--cold), removed after';
    return [cached, { item: 8, figure, value: times.coldMeasured, unit: 's', note: how }];
  }
  if (!times.record) return [cached, unavailableRow(8, figure, 's', `entry ${times.key} records no buildSeconds/builtAt; --cold measures it`)];
  const date = times.record.builtAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return [cached, { item: 8, figure, value: times.record.buildSeconds, unit: 's', note: `as recorded when entry ${times.key} was built (${date}), not re-measured; --cold measures it` }];
}

/** The install row. */
export function buildDebianInstallRow(result: { seconds: number; model: string; bootPath: string; size: string } | { error: string; model: string }): BenchRow {
  const figure = `Debian install on ${result.model}`;
  if ('error' in result) return unavailableRow(8, figure, 's', result.error);
  return { item: 8, figure, value: result.seconds, unit: 's', note: `debianProfile.install wall time: compose ${result.size} ext4 disk + GRUB + the install boot (${result.bootPath} path, initramfs MODULES=dep)` };
}

/** One boot path's row: median verdict (QEMU start → end line) over median floor (QEMU start → exit). */
export function buildDebianBootRow(timing: DebianPathTiming | DebianPathFailure): BenchRow {
  const figure = `Debian boot to verdict / floor: ${timing.path}`;
  if ('error' in timing) return unavailableRow(8, figure, '×', timing.error);
  if (timing.floorMs.length === 0 || timing.reportMs.length === 0) return unavailableRow(8, figure, '×', 'no boot was timed');
  const floor = median(timing.floorMs);
  const report = median(timing.reportMs);
  const exit = median(timing.exitMs);
  return {
    item: 8, figure, value: ratio(report, floor), unit: '×',
    note: `verdict ${seconds(report)} s (exit ${seconds(exit)} s, ${formatNumber(ratio(exit, floor))}× floor) vs floor ${seconds(floor)} s to exit, median of ${timing.reportMs.length}`,
  };
}

/** Why a boot gave no number: out of memory first (the catalog's models have 256 MiB), then the named stop, then how QEMU ended. */
export function describeBootFailure(what: string, outcome: { stop?: { failure: string; text: string }; exitCode?: number; signal?: string; timedOut: boolean }, consoleTail: string): string {
  const memory = consoleTail.split(/\r?\n/).find((line) => /out of memory|not enough memory|oom-kill/i.test(line));
  if (memory) return `${what}: out of memory at the model's RAM (${memory.trim().slice(0, 120)})`;
  if (outcome.stop) return `${what}: ${outcome.stop.failure} (${outcome.stop.text.split('\n')[0]!.slice(0, 120)})`;
  return `${what}: no result (QEMU exit ${outcome.exitCode ?? outcome.signal ?? 'none'}${outcome.timedOut ? ', timed out' : ''})`;
}
