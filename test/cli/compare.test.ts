import { writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import tmp from 'tmp';
import type { Comparison } from '../../reports/compare/compare-runs.js';
import { synthesizeRun } from '../fixtures/results/load-fixture.js';

const cli = path.resolve('dist/cli/main.js');
const machines = ['desktop-e1000', 'desktop-cirrus', 'desktop-lsi'];

function writeRuns(dir: string): { base: string; head: string; same: string } {
  const files = { base: path.join(dir, 'base.json'), head: path.join(dir, 'head.json'), same: path.join(dir, 'same.json') };
  writeFileSync(files.base, JSON.stringify(synthesizeRun({ scenarios: 2, machines, clonesPerMachine: 1 })));
  writeFileSync(files.same, JSON.stringify(synthesizeRun({ scenarios: 2, machines, clonesPerMachine: 1 })));
  writeFileSync(files.head, JSON.stringify(synthesizeRun({ scenarios: 2, machines, clonesPerMachine: 1, inject: [{ scenario: 'scenario-002', machines: ['desktop-cirrus'], failure: 'problem-10' }] })));
  return files;
}

test('clonelab compare exits 1 on a regression and prints its triage; 0 without; --json', async (t) => {
  const dir = tmp.dirSync({ unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const files = writeRuns(dir.name);
  const regressed = await execa('node', [cli, 'compare', files.base, files.head], { reject: false });
  t.is(regressed.exitCode, 1, regressed.stderr);
  t.regex(regressed.stdout, /1 regression\(s\), 0 fix\(es\)/);
  t.regex(regressed.stdout, /scenario-002: passed → failed on desktop-cirrus\n {4}\[hardware-specific\] problem-10 on desktop-cirrus: .*in video/);
  const same = await execa('node', [cli, 'compare', files.base, files.same], { reject: false });
  t.is(same.exitCode, 0, same.stderr);
  const json = await execa('node', [cli, 'compare', files.base, files.head, '--json'], { reject: false });
  const comparison = JSON.parse(json.stdout) as Comparison;
  t.deepEqual(comparison.regressions.map((change) => change.triage[0]?.triage), ['hardware-specific']);
});

test('clonelab compare refuses a file that is not a results file with one clear line', async (t) => {
  const dir = tmp.dirSync({ unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const bogus = path.join(dir.name, 'bogus.json');
  writeFileSync(bogus, JSON.stringify({ schemaVersion: 7, scenarios: [] }));
  const result = await execa('node', [cli, 'compare', bogus, bogus], { reject: false });
  t.is(result.exitCode, 2);
  t.regex(result.stderr, /clonelab: error: Invalid results file .*bogus\.json: expected schemaVersion 1 or 2 or 3, got 7\./);
  const missing = await execa('node', [cli, 'compare', path.join(dir.name, 'nope.json'), bogus], { reject: false });
  t.is(missing.exitCode, 2);
  t.regex(missing.stderr, /Cannot read results file .*nope\.json/);
});
