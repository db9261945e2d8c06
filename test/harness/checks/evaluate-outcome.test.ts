import test from 'ava';
import { evaluateOutcome } from '../../../harness/checks/evaluate-outcome.js';
import type { CheckResult } from '../../../harness/checks/types.js';
import type { FailureName } from '../../../harness/spec/failure-names.js';
import { plannedScenario } from '../../fixtures/planned-scenario.js';

const fail = (failure: FailureName, cloneId?: string): CheckResult => ({
  id: 'x', scope: cloneId ? 'clone' : 'fleet', ...(cloneId ? { cloneId } : {}), status: 'fail', failures: [failure], summary: '', evidence: {},
});
const pass: CheckResult = { id: 'y', scope: 'fleet', status: 'pass', failures: [], summary: '', evidence: {} };

test('expected pass and nothing failed: passed', (t) => {
  t.is(evaluateOutcome(plannedScenario(), [pass]).status, 'passed');
});

test('expected pass but a check failed: failed, naming the failure and where', (t) => {
  const verdict = evaluateOutcome(plannedScenario(), [fail('stop-0x7b', 'fixture/desktop-cirrus#1')]);
  t.is(verdict.status, 'failed');
  t.deepEqual(verdict.unexpected, [{ failure: 'stop-0x7b', where: 'fixture/desktop-cirrus#1' }]);
});

test('a reproduction passes when exactly the named failures show', (t) => {
  const planned = plannedScenario({ expect: { reproduces: ['duplicate-machine-sid', 'master-sid-reused'] } });
  const verdict = evaluateOutcome(planned, [fail('duplicate-machine-sid'), fail('master-sid-reused'), pass]);
  t.is(verdict.status, 'reproduced');
  t.deepEqual(verdict.reproduced.sort(), ['duplicate-machine-sid', 'master-sid-reused']);
});

test('a reproduction fails when the bug does not show, or when something else fails too', (t) => {
  const planned = plannedScenario({ expect: { reproduces: ['duplicate-machine-sid'] } });
  const missing = evaluateOutcome(planned, [pass]);
  t.is(missing.status, 'failed');
  t.deepEqual(missing.missing, [{ failure: 'duplicate-machine-sid', where: 'fleet' }]);
  const extra = evaluateOutcome(planned, [fail('duplicate-machine-sid'), fail('problem-28', 'fixture/desktop-e1000#1')]);
  t.is(extra.status, 'failed');
  t.deepEqual(extra.unexpected, [{ failure: 'problem-28', where: 'fixture/desktop-e1000#1' }]);
});

test('a clone\'s own expectation holds for that clone only', (t) => {
  const planned = plannedScenario({ targets: [{ machine: 'esx-pvscsi', expect: { reproduces: ['problem-10'] } }, { machine: 'desktop-e1000' }] });
  t.is(evaluateOutcome(planned, [fail('problem-10', 'fixture/esx-pvscsi#1')]).status, 'reproduced');
  const elsewhere = evaluateOutcome(planned, [fail('problem-10', 'fixture/esx-pvscsi#1'), fail('problem-10', 'fixture/desktop-e1000#1')]);
  t.deepEqual(elsewhere.unexpected, [{ failure: 'problem-10', where: 'fixture/desktop-e1000#1' }]);
  const absent = evaluateOutcome(planned, [pass]);
  t.deepEqual(absent.missing, [{ failure: 'problem-10', where: 'fixture/esx-pvscsi#1' }]);
});
