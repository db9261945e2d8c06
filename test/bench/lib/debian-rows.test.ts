import test from 'ava';
import { buildDebianBootRow, buildDebianBuildRows, buildDebianInstallRow, describeBootFailure } from '../../../bench/lib/debian-rows.js';

test('buildDebianBootRow: median verdict over median floor, the exit ratio and the count in the note', (t) => {
  const row = buildDebianBootRow({ path: 'bios', floorMs: [30_000, 20_000, 22_000], reportMs: [33_000, 26_400, 99_000], exitMs: [35_000, 28_000, 27_500] });
  t.is(row.item, 8);
  t.is(row.figure, 'Debian boot to verdict / floor: bios');
  t.is(row.unit, '×');
  t.is(row.value, 33_000 / 22_000);
  t.is(row.note, 'verdict 33.0 s (exit 28.0 s, 1.27× floor) vs floor 22.0 s to exit, median of 3');
  t.is(row.goal, undefined, 'the issue sets no goal for the Debian ratio');
});

test('buildDebianBootRow: a failed path or no boots is a row without a value that says why', (t) => {
  const failed = buildDebianBootRow({ path: 'uefi', error: 'guest boot (uefi): out of memory' });
  t.is(failed.value, null);
  t.is(failed.note, 'not available: guest boot (uefi): out of memory');
  t.is(buildDebianBootRow({ path: 'direct', floorMs: [], reportMs: [], exitMs: [] }).value, null);
});

test('buildDebianBuildRows: the cold row says whether it was measured now or as recorded, with the date', (t) => {
  const record = { buildSeconds: 643.2, builtAt: '2026-12-02T17:51:52.247Z' };
  const [cached, cold] = buildDebianBuildRows({ key: '2f45dce0103ef44a', cachedSeconds: 0.4, cacheWasEmpty: false, record });
  t.like(cached, { item: 8, value: 0.4, unit: 's', note: 'cache entry 2f45dce0103ef44a' });
  t.is(cold?.value, 643.2);
  t.regex(cold?.note ?? '', /as recorded when entry 2f45dce0103ef44a was built \(2026-12-02 17:51 UTC\), not re-measured/);
  const measured = buildDebianBuildRows({ key: 'k', cachedSeconds: 0.3, cacheWasEmpty: false, record, coldMeasured: 500 })[1];
  t.like(measured, { value: 500, note: 'measured now into a temporary cache (--cold), removed after' });
  const empty = buildDebianBuildRows({ key: 'k', cachedSeconds: 0.3, cacheWasEmpty: true, coldMeasured: 610 });
  t.regex(empty[0]?.note ?? '', /was empty: this run built it/);
  t.regex(empty[1]?.note ?? '', /the cache had no entry/);
  t.is(buildDebianBuildRows({ key: 'k', cachedSeconds: 0.3, cacheWasEmpty: false })[1]?.value, null);
});

test('buildDebianInstallRow: seconds, or the reason it failed', (t) => {
  t.like(buildDebianInstallRow({ seconds: 190.5, model: 'desktop-e1000', bootPath: 'direct', size: '1536M' }), { figure: 'Debian install on desktop-e1000', value: 190.5, unit: 's' });
  t.like(buildDebianInstallRow({ error: 'no probe report', model: 'desktop-e1000' }), { value: null, note: 'not available: no probe report' });
});

test('describeBootFailure: out of memory first, then the named stop, then how QEMU ended', (t) => {
  const stop = { failure: 'boot-loader-error', text: 'error: out of memory.\nmore' };
  t.regex(describeBootFailure('guest boot (uefi)', { stop, exitCode: 0, timedOut: false }, 'GRUB\nerror: out of memory.\n'), /^guest boot \(uefi\): out of memory at the model's RAM \(error: out of memory\.\)$/);
  t.is(describeBootFailure('floor boot (bios)', { stop: { failure: 'kernel-panic', text: 'Kernel panic - not syncing: x\ny' }, timedOut: false }, ''), 'floor boot (bios): kernel-panic (Kernel panic - not syncing: x)');
  t.is(describeBootFailure('floor boot (bios)', { signal: 'SIGKILL', timedOut: true }, 'booting'), 'floor boot (bios): no result (QEMU exit SIGKILL, timed out)');
});
