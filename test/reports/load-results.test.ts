import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { isPhase } from '../../harness/errors/phase.js';
import { RESULTS_SCHEMA_VERSION, type ErrorRecord, type ScenarioResult } from '../../harness/results/types.js';
import { listMachines } from '../../reports/cells.js';
import { loadResults } from '../../reports/load-results.js';
import { loadFullRun, loadSmallRun, resultsFixtureDir, synthesizeRun } from '../fixtures/results/load-fixture.js';

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
  t.regex(error!.message, /expected schemaVersion 1 or 2 or 3, got 0/);
});

test('error records of older files name the failed step as their phase: it becomes the step, in the phase it happened in', async (t) => {
  const run = synthesizeRun({ scenarios: 2, machines: ['desktop-e1000'], clonesPerMachine: 1, errored: ['scenario-001/desktop-e1000'] });
  const [withClone, installFailed] = run.scenarios as [ScenarioResult, ScenarioResult];
  const clone = withClone.clones[0]!;
  // As results files before `step` wrote them: one free `phase`.
  const old = (message: string, phase: string) => ({ kind: 'infrastructure', phase, message, timedOut: false }) as unknown as ErrorRecord;
  clone.error = old('did not boot', 'queued');
  withClone.error = old('did not boot', 'boot');
  installFailed.timeline = [{ state: 'install', at: 1 }, { state: 'errored', at: 2 }];
  installFailed.error = old('QEMU exited', 'vm-start');
  const loaded = await loadResults(writeJson('old-errors.json', run));
  t.like(loaded.scenarios[0]?.clones[0]?.error, { phase: 'targets', step: 'queued' }, 'a clone\'s error is in targets');
  t.like(loaded.scenarios[0]?.error, { phase: 'targets', step: 'boot' }, 'the scenario error a clone ended it with is in targets');
  t.like(loaded.scenarios[1]?.error, { phase: 'install', step: 'vm-start' }, 'else the last phase on the timeline');
  const phaseOnly = await loadResults(writeJson('phase-only.json', { ...run, scenarios: [{ ...installFailed, error: old('wimlib failed', 'capture') }] }));
  t.like(phaseOnly.scenarios[0]?.error, { phase: 'capture', step: 'capture' }, 'a phase stays the phase, and is the step');
});

test('the real results fixtures, written before step existed, load with a phase and a step on every error', (t) => {
  const errors = [...loadFullRun().scenarios, ...loadSmallRun().scenarios].flatMap((scenario) => [scenario.error, ...scenario.clones.map((clone) => clone.error)]).filter((error) => error !== undefined);
  t.true(errors.length >= 3);
  for (const error of errors) {
    t.true(isPhase(error.phase), error.phase);
    t.is(typeof error.step, 'string');
  }
  t.true(errors.some((error) => error.phase === 'targets' && error.step === 'queued'), 'full-run.json: the clones refused in their queued state');
});

test('a version 2 file\'s reference identity fields are read as identity items', async (t) => {
  const v2 = JSON.parse(readFileSync(path.join(resultsFixtureDir, 'full-run.json'), 'utf8')) as { schemaVersion: number; scenarios: { clones: { facts?: { report?: Record<string, unknown> } }[] }[] };
  const old = v2.scenarios.flatMap((scenario) => scenario.clones).find((clone) => clone.facts?.report?.machineSid);
  if (!old) return t.fail('the fixture has no version 2 clone report');
  const loaded = await loadResults(writeJson('v2.json', { ...v2, schemaVersion: 2 }));
  const report = loaded.scenarios.flatMap((scenario) => scenario.clones).find((clone) => clone.facts?.report)?.facts?.report;
  t.true(report?.identity.some((item) => item.kind === 'machine-sid' && item.value === old.facts?.report?.machineSid));
  t.false('machineSid' in (report ?? {}));
});
