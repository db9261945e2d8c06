import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import tmp from 'tmp';
import type { RunResult } from '../../harness/results/types.js';
import { resultsFixtureDir, synthesizeRun } from '../fixtures/results/load-fixture.js';

const cli = path.resolve('dist/cli/main.js');

test('clonelab merge joins shards into results.json, junit.xml and report.html and prints the report path last', async (t) => {
  const dir = tmp.dirSync({ unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const full = synthesizeRun({ scenarios: 4, machines: ['desktop-e1000', 'desktop-cirrus'], clonesPerMachine: 1 });
  const shardFiles = [1, 2].map((index) => {
    const file = path.join(dir.name, `shard-${index}.json`);
    const shard: RunResult = { ...full, shard: { index, total: 2 }, scenarios: full.scenarios.filter((_, position) => position % 2 === index - 1) };
    writeFileSync(file, JSON.stringify(shard));
    return file;
  });
  const out = path.join(dir.name, 'merged');
  const merged = await execa('node', [cli, 'merge', ...shardFiles, '--out', out], { reject: false });
  t.is(merged.exitCode, 0, merged.stderr);
  t.is(merged.stdout.trim().split('\n').at(-1), path.join(out, 'report.html'));
  const result = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as RunResult;
  t.deepEqual(result.scenarios.map((scenario) => scenario.name), full.scenarios.map((scenario) => scenario.name));
  t.true(existsSync(path.join(out, 'junit.xml')));
  t.regex(readFileSync(path.join(out, 'report.html'), 'utf8'), /<strong>8 cells \(scenario × model\)<\/strong>/);
});

test('clonelab merge finds each shard’s artifacts next to its results file', async (t) => {
  const dir = tmp.dirSync({ unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const out = path.join(dir.name, 'merged');
  const merged = await execa('node', [cli, 'merge', path.join(resultsFixtureDir, 'small-run', 'results.json'), '--out', out], { reject: false });
  t.is(merged.exitCode, 0, merged.stderr);
  const html = readFileSync(path.join(out, 'report.html'), 'utf8');
  t.regex(html, /probe report done, powering off/);
  t.regex(html, /data:image\/png;base64/);
});

test('clonelab merge refuses shards of different plans and overlapping shards with a clear error', async (t) => {
  const dir = tmp.dirSync({ unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const write = (name: string, result: RunResult): string => {
    const file = path.join(dir.name, name);
    writeFileSync(file, JSON.stringify(result));
    return file;
  };
  const run = synthesizeRun({ scenarios: 2, machines: ['desktop-e1000'], clonesPerMachine: 1 });
  const one = write('one.json', { ...run, shard: { index: 1, total: 2 }, scenarios: run.scenarios.slice(0, 1) });
  const other = write('other.json', { ...run, planId: 'feedfacefeedface', shard: { index: 2, total: 2 }, scenarios: run.scenarios.slice(1) });
  const again = write('again.json', { ...run, shard: { index: 1, total: 2 }, scenarios: run.scenarios.slice(1) });
  const plans = await execa('node', [cli, 'merge', one, other, '--out', path.join(dir.name, 'x')], { reject: false });
  t.is(plans.exitCode, 2);
  t.regex(plans.stderr, /clonelab: error: Cannot merge results of different plans: .*one\.json is plan synthetic0000000, .*other\.json is plan feedfacefeedface/);
  const overlap = await execa('node', [cli, 'merge', one, again, '--out', path.join(dir.name, 'y')], { reject: false });
  t.is(overlap.exitCode, 2);
  t.regex(overlap.stderr, /Overlapping shards: .*one\.json and .*again\.json are both shard 1\/2/);
  t.false(existsSync(path.join(dir.name, 'x')));
});
