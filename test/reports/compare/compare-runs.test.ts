import test from 'ava';
import { compareRuns } from '../../../reports/compare/compare-runs.js';
import { synthesizeRun } from '../../fixtures/results/load-fixture.js';

const machines = ['desktop-e1000', 'desktop-e1000-slot3', 'desktop-cirrus', 'desktop-lsi', 'desktop-rtl8139'];

test('an injected regression on one video card is found and triaged as hardware-specific: video', (t) => {
  const base = synthesizeRun({ scenarios: 3, machines, clonesPerMachine: 2 });
  const head = synthesizeRun({ scenarios: 3, machines, clonesPerMachine: 2, inject: [{ scenario: 'scenario-002', machines: ['desktop-cirrus'], failure: 'problem-10' }] });
  const comparison = compareRuns(base, head);
  t.is(comparison.regressions.length, 1);
  const [regression] = comparison.regressions;
  t.like(regression, { scenario: 'scenario-002', before: 'passed', after: 'failed', regressedModels: ['desktop-cirrus'] });
  t.like(regression!.triage[0], { failure: 'problem-10', machines: ['desktop-cirrus'], triage: 'hardware-specific', dimensions: ['video'] });
  t.deepEqual([comparison.fixes, comparison.stillFailing, comparison.newScenarios, comparison.removedScenarios], [[], [], [], []]);
});

test('a NIC slot move and a storage controller are named as the differing dimension', (t) => {
  const base = synthesizeRun({ scenarios: 2, machines, clonesPerMachine: 1 });
  const head = synthesizeRun({
    scenarios: 2, machines, clonesPerMachine: 1,
    inject: [
      { scenario: 'scenario-001', machines: ['desktop-e1000-slot3'], failure: 'problem-24' },
      { scenario: 'scenario-002', machines: ['desktop-lsi'], failure: 'stop-0x7b' },
    ],
  });
  const triage = compareRuns(base, head).regressions.flatMap((change) => change.triage);
  t.deepEqual(triage.map((entry) => [entry.failure, entry.dimensions]), [['problem-24', ['slot']], ['stop-0x7b', ['slot', 'storage']]]);
});

test('a failure on every model is an image defect; an identity check is clone-specific; an errored cell is infrastructure', (t) => {
  const base = synthesizeRun({ scenarios: 3, machines, clonesPerMachine: 1 });
  const head = synthesizeRun({
    scenarios: 3, machines, clonesPerMachine: 1,
    inject: [
      { scenario: 'scenario-001', machines, failure: 'user-files-lost' },
      { scenario: 'scenario-002', machines: [], failure: 'duplicate-machine-sid', scope: 'fleet' },
    ],
    errored: ['scenario-003/desktop-lsi'],
  });
  const comparison = compareRuns(base, head);
  t.deepEqual(comparison.regressions.map((change) => [change.scenario, change.triage.map((entry) => entry.triage)]), [
    ['scenario-001', ['image-defect']], ['scenario-002', ['clone-specific']], ['scenario-003', ['infrastructure']],
  ]);
  t.deepEqual(comparison.regressions[2]!.regressedModels, ['desktop-lsi']);
});

test('an errored scenario is triaged by its error kind: a refused request is the scenario\'s, an internal error the harness\'s', (t) => {
  const base = synthesizeRun({ scenarios: 3, machines, clonesPerMachine: 1 });
  const head = synthesizeRun({ scenarios: 3, machines, clonesPerMachine: 1, errored: ['scenario-001/desktop-lsi', 'scenario-002/desktop-lsi', 'scenario-003/desktop-lsi'] });
  const kinds = ['usage', 'internal', 'infrastructure'] as const;
  head.scenarios.forEach((scenario, index) => {
    scenario.error = { kind: kinds[index]!, phase: 'targets', step: 'targets', message: `a ${kinds[index]} error`, timedOut: false };
  });
  const triage = compareRuns(base, head).regressions.map((change) => [change.scenario, change.triage.map((entry) => [entry.triage, entry.reason])]);
  t.deepEqual(triage, [
    ['scenario-001', [['invalid-scenario', 'usage error in targets: a usage error']]],
    ['scenario-002', [['harness-bug', 'internal error in targets: a internal error']]],
    ['scenario-003', [['infrastructure', 'infrastructure error in targets: a infrastructure error']]],
  ]);
});

test('fixes, still failing, new and removed scenarios and models', (t) => {
  const broken = [{ scenario: 'scenario-001', machines: ['desktop-cirrus'], failure: 'problem-10' as const }, { scenario: 'scenario-002', machines: ['desktop-lsi'], failure: 'stop-0x7b' as const }];
  const base = synthesizeRun({ scenarios: 3, machines: machines.slice(0, 4), clonesPerMachine: 1, inject: broken });
  const head = synthesizeRun({ scenarios: 4, machines: [...machines.slice(1, 4), 'desktop-rtl8139'], clonesPerMachine: 1, inject: broken.slice(1) });
  head.scenarios.splice(2, 1);
  const comparison = compareRuns(base, head);
  t.deepEqual(comparison.regressions, []);
  t.deepEqual(comparison.fixes.map((change) => [change.scenario, change.fixedModels]), [['scenario-001', ['desktop-cirrus']]]);
  t.deepEqual(comparison.stillFailing.map((change) => change.scenario), ['scenario-002']);
  t.deepEqual(comparison.newScenarios.map((entry) => entry.scenario), ['scenario-004']);
  t.deepEqual(comparison.removedScenarios, ['scenario-003']);
  t.deepEqual(comparison.newModels, ['desktop-rtl8139']);
  t.deepEqual(comparison.removedModels, ['desktop-e1000']);
});

test('triage reads each model from the results file, not from the live catalog', (t) => {
  const models = ['desktop-e1000', 'lab-only-model'];
  const base = synthesizeRun({ scenarios: 1, machines: models, clonesPerMachine: 1 });
  const head = synthesizeRun({ scenarios: 1, machines: models, clonesPerMachine: 1, inject: [{ scenario: 'scenario-001', machines: ['lab-only-model'], failure: 'problem-10' }] });
  // A model this clonelab's catalog does not have, as the run that wrote the file knew it: it
  // differs from desktop-e1000 in its video card only (its clones' copied facts say otherwise).
  const e1000 = head.machines.find((machine) => machine.name === 'desktop-e1000')!;
  head.machines = [...head.machines, { ...e1000, name: 'lab-only-model', video: 'cirrus-vga' }];
  const [regression] = compareRuns(base, head).regressions;
  t.like(regression!.triage[0], { failure: 'problem-10', machines: ['lab-only-model'], triage: 'hardware-specific', dimensions: ['video'] });
});
