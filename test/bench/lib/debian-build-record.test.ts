import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { parseBuildRecord, readBuildRecord } from '../../../bench/lib/debian-build-record.js';

test('parseBuildRecord: buildSeconds and builtAt of an entry.json', (t) => {
  t.deepEqual(parseBuildRecord(JSON.stringify({ key: 'k', buildSeconds: 643.2, builtAt: '2026-12-02T17:51:52.247Z', tarBytes: 1 })), { buildSeconds: 643.2, builtAt: '2026-12-02T17:51:52.247Z' });
});

test('parseBuildRecord: anything else is no record, not a guess', (t) => {
  t.is(parseBuildRecord('not json'), undefined);
  t.is(parseBuildRecord('null'), undefined);
  t.is(parseBuildRecord(JSON.stringify({ buildSeconds: '643', builtAt: '2026-12-02T17:51:52Z' })), undefined);
  t.is(parseBuildRecord(JSON.stringify({ buildSeconds: -1, builtAt: '2026-12-02T17:51:52Z' })), undefined);
  t.is(parseBuildRecord(JSON.stringify({ buildSeconds: 1, builtAt: 'yesterday' })), undefined);
  t.is(parseBuildRecord(JSON.stringify({ buildSeconds: 1 })), undefined);
});

test('readBuildRecord: reads the entry folder\'s entry.json; a missing file is no record', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clonelab-build-record-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  t.is(await readBuildRecord(dir), undefined);
  writeFileSync(path.join(dir, 'entry.json'), JSON.stringify({ buildSeconds: 12.5, builtAt: '2026-12-02T17:51:52Z' }));
  t.deepEqual(await readBuildRecord(dir), { buildSeconds: 12.5, builtAt: '2026-12-02T17:51:52Z' });
});
