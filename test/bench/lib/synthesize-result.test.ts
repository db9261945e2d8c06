import test from 'ava';
import { synthesizeResult } from '../../../bench/lib/synthesize-result.js';
import { targetsPhaseMs } from '../../../bench/lib/targets-phase.js';
import type { CloneRun, RunResult, ScenarioResult } from '../../../harness/results/types.js';

const clone = (n: number): CloneRun => ({ cloneId: `fleet/desktop-e1000#${n}`, machine: 'desktop-e1000', status: 'booted', timeline: [], artifacts: { consoleLog: '/tmp/c.log' }, attempts: 1, notes: [], bootSeconds: 4 });
const scenario: ScenarioResult = {
  name: 'fleet', description: 'a real-shaped scenario', status: 'passed', expected: 'pass', installMachine: 'desktop-e1000', method: 'file',
  timeline: [{ state: 'install', at: 1000 }, { state: 'capture', at: 5000 }, { state: 'targets', at: 6000 }, { state: 'check', at: 26_000 }, { state: 'done', at: 26_100 }],
  captureNotes: [], clones: [clone(1), clone(2), clone(3)], durationMs: 25_100,
  checks: [{ id: 'machine-sid-unique', scope: 'fleet', status: 'pass', failures: [], summary: 'ok', evidence: {} }, { id: 'devices-started', scope: 'clone', cloneId: 'fleet/desktop-e1000#1', status: 'pass', failures: [], summary: 'ok', evidence: {} }],
};
const real: RunResult = { schemaVersion: 3, planId: 'p', startedAt: 'a', finishedAt: 'b', interrupted: false, host: { accel: 'tcg', qemu: '7.2', kernel: 'k', jobs: 2, retries: 0 }, machines: [], scenarios: [scenario] };

test('synthesizeResult: exactly N clones, unique ids, real artifacts kept', (t) => {
  const big = synthesizeResult(real, 500);
  const clones = big.scenarios.flatMap((entry) => entry.clones);
  t.is(clones.length, 500);
  t.is(big.scenarios.length, 25);
  t.is(new Set(clones.map((entry) => entry.cloneId)).size, 500);
  t.is(new Set(big.scenarios.map((entry) => entry.name)).size, 25);
  t.true(clones.every((entry) => entry.artifacts.consoleLog === '/tmp/c.log'));
  t.is(big.scenarios[0]!.checks[1]!.cloneId, big.scenarios[0]!.clones[0]!.cloneId);
  t.is(synthesizeResult(real, 45, 20).scenarios.map((entry) => entry.clones.length).join(','), '20,20,5');
  t.throws(() => synthesizeResult({ ...real, scenarios: [] }, 10), { instanceOf: RangeError });
});

test('targetsPhaseMs: from the targets transition to the next one', (t) => {
  t.is(targetsPhaseMs(scenario), 20_000);
  t.throws(() => targetsPhaseMs({ name: 'x', timeline: [{ state: 'install', at: 1 }, { state: 'targets', at: 2 }] }), { message: /no complete targets phase.*install → targets/ });
});
