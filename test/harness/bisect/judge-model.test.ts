import test from 'ava';
import { judgeModel } from '../../../harness/bisect/judge-model.js';
import type { ScenarioResult } from '../../../harness/results/types.js';
import { loadFullRun, synthesizeRun } from '../../fixtures/results/load-fixture.js';

const run = synthesizeRun({
  scenarios: 1, machines: ['desktop-e1000', 'desktop-e1000--nic-rtl8139-8139too', 'desktop-e1000--slot-3'], clonesPerMachine: 1,
  inject: [{ scenario: 'scenario-001', machines: ['desktop-e1000--nic-rtl8139-8139too'], failure: 'problem-10' }, { scenario: 'scenario-001', machines: [], failure: 'duplicate-mac', scope: 'fleet' }],
  errored: ['scenario-001/desktop-e1000--slot-3'],
});
const round = run.scenarios[0] as ScenarioResult;
const full = (name: string): ScenarioResult => loadFullRun().scenarios.find((scenario) => scenario.name === name) as ScenarioResult;

test('a model whose clones pass is as expected; a fleet failure is not pinned on one model', (t) => {
  t.deepEqual(judgeModel(round, 'desktop-e1000'), { verdict: 'expected', evidence: [] });
});

test('an unexpected failure on a model\'s clone fails it, naming the check, the clone and the failure', (t) => {
  const judged = judgeModel(round, 'desktop-e1000--nic-rtl8139-8139too');
  t.is(judged.verdict, 'failed');
  t.deepEqual(judged.evidence, ['devices-started on scenario-001/desktop-e1000--nic-rtl8139-8139too#1: problem-10 — problem-10 on desktop-e1000--nic-rtl8139-8139too']);
});

test('an errored clone, or no clone at all, cannot be judged', (t) => {
  t.like(judgeModel(round, 'desktop-e1000--slot-3'), { verdict: 'errored', evidence: ['scenario-001/desktop-e1000--slot-3#1: infrastructure in targets/boot: desktop-e1000--slot-3 did not boot in 180 s'] });
  t.is(judgeModel(round, 'desktop-lsi').verdict, 'errored');
});

test('a reproduction: the expected failure on the model is as expected; an expected failure that does not show, or another one, fails it', (t) => {
  t.deepEqual(judgeModel(full('storage-controller-change'), 'desktop-lsi'), { verdict: 'expected', evidence: [] });
  const forced = judgeModel(full('sector-to-smaller-forced'), 'desktop-e1000');
  t.is(forced.verdict, 'failed');
  t.regex(forced.evidence.join('\n'), /^volume-size on sector-to-smaller-forced\/desktop-e1000#1: volume-size-mismatch — [\s\S]*\nexpected stop-0xed did not show on desktop-e1000$/);
});
