import test from 'ava';
import { multiplexReporters } from '../../reports/multiplex.js';
import type { Reporter } from '../../harness/results/reporter.js';
import { loadSmallRun } from '../fixtures/results/load-fixture.js';

test('every hook reaches every reporter; onEnd collects the files and rethrows the first failure after all ran', async (t) => {
  const seen: string[] = [];
  const result = loadSmallRun();
  const scenario = result.scenarios[0]!;
  const recording = (name: string): Reporter => ({
    onBegin: (info) => seen.push(`${name} begin ${info.planId}`),
    onScenarioState: (scenarioName, entry) => seen.push(`${name} ${scenarioName} ${entry.state}`),
    onCloneEnd: (_, clone) => seen.push(`${name} clone ${clone.cloneId}`),
    onScenarioEnd: (ended) => seen.push(`${name} end ${ended.name}`),
    onEnd: () => [`${name}.out`],
  });
  const throwing: Reporter = { onScenarioEnd: () => { throw new Error('progress hook broke'); } };
  const reporter = multiplexReporters([recording('a'), throwing, recording('b')]);
  reporter.onBegin({ planId: result.planId, outDir: '/out', scenarios: [] });
  reporter.onScenarioState(scenario.name, { state: 'install', at: 0 });
  reporter.onCloneEnd(scenario.name, scenario.clones[0]!);
  reporter.onScenarioEnd(scenario);
  t.deepEqual(await reporter.onEnd(result), ['a.out', 'b.out']);
  t.deepEqual(seen.filter((line) => line.startsWith('b ')).map((line) => line.split(' ')[1]), ['begin', scenario.name, 'clone', 'end']);
  let otherEnded = false;
  const failing = multiplexReporters([{ onEnd: () => Promise.reject(new Error('disk full')) }, { onEnd: () => { otherEnded = true; return []; } }]);
  await t.throwsAsync(() => failing.onEnd(result), { message: 'disk full' });
  t.true(otherEnded);
});
