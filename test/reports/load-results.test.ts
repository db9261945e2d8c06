import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { isPhase } from '../../harness/errors/phase.js';
import { RESULTS_SCHEMA_VERSION, type ErrorRecord, type ScenarioResult } from '../../harness/results/types.js';
import { listMachines } from '../../reports/cells.js';
import { loadResults } from '../../reports/load-results.js';
import { loadFullRun, loadSmallRun, synthesizeRun } from '../fixtures/results/load-fixture.js';

const folder = mkdtempSync(path.join(tmpdir(), 'clonelab-results-'));
test.after.always(() => rmSync(folder, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const file = path.join(folder, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

test('a results file carries the run\'s catalog; the reports order models by it', async (t) => {
  const run = synthesizeRun({ scenarios: 1, machines: ['desktop-lsi', 'desktop-cirrus', 'desktop-e1000'], clonesPerMachine: 1 });
  const loaded = await loadResults(writeJson('current.json', run));
  t.is(loaded.schemaVersion, RESULTS_SCHEMA_VERSION);
  t.deepEqual(loaded.machines, loadSmallRun().machines);
  const catalogOrder = loaded.machines.map((machine) => machine.name).filter((name) => ['desktop-lsi', 'desktop-cirrus', 'desktop-e1000'].includes(name));
  t.deepEqual(listMachines(loaded), catalogOrder);
  t.notDeepEqual(catalogOrder, [...catalogOrder].sort(), 'the fixture catalog is not in name order, so the order above comes from it');
});

test('a version 1 file (before the catalog was recorded) is read as the current version without machines: models sort by name', async (t) => {
  const { machines: _machines, ...rest } = synthesizeRun({ scenarios: 1, machines: ['desktop-lsi', 'desktop-cirrus', 'desktop-e1000'], clonesPerMachine: 1 });
  const loaded = await loadResults(writeJson('v1.json', { ...rest, schemaVersion: 1 }));
  t.is(loaded.schemaVersion, RESULTS_SCHEMA_VERSION);
  t.deepEqual(loaded.machines, []);
  t.deepEqual(listMachines(loaded), ['desktop-cirrus', 'desktop-e1000', 'desktop-lsi']);
});

test('other versions are refused, naming the versions this clonelab reads', async (t) => {
  const error = await t.throwsAsync(loadResults(writeJson('v0.json', { schemaVersion: 0, planId: 'p', scenarios: [] })));
  t.regex(error!.message, /expected schemaVersion 1 or 2, got 0/);
});
