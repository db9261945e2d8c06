import test from 'ava';
import library from '../../scenarios/library/index.js';
import { planRun } from '../../harness/plan/plan-run.js';

test('the built-in library is valid, with unique names', (t) => {
  t.true(library.length >= 20);
  t.is(new Set(library.map((scenario) => scenario.name)).size, library.length);
});

test('the library reproduces every failure the design names', (t) => {
  const reproduced = new Set(library.flatMap((scenario) => [
    ...(scenario.expect === 'pass' ? [] : scenario.expect.reproduces),
    ...(!Array.isArray(scenario.targets) ? [] : scenario.targets.flatMap((target) => (target.expect && target.expect !== 'pass' ? target.expect.reproduces : []))),
  ]));
  for (const failure of ['duplicate-machine-sid', 'duplicate-account-sid', 'duplicate-mac', 'duplicate-volume-serial', 'problem-10', 'problem-24', 'problem-28',
    'stop-0x7b', 'stop-0xed', 'apply-refused', 'foreign-sid-descriptor', 'user-files-lost', 'volume-size-mismatch'] as const) {
    t.true(reproduced.has(failure), failure);
  }
});

test('no scenario hides the foreign-SID check: it fails only where a SID is really foreign', (t) => {
  t.deepEqual(library.filter((scenario) => scenario.skipChecks.includes('no-foreign-sid')).map((scenario) => scenario.name), []);
  const reproducers = library.filter((scenario) => scenario.expect !== 'pass' && scenario.expect.reproduces.includes('foreign-sid-descriptor'));
  // A SID changer that leaves ACLs alone, and user files of a previous installation kept by a non-destructive apply.
  t.deepEqual(reproducers.map((scenario) => [scenario.name, scenario.generalize === false ? false : scenario.generalize.sidChanger, scenario.capture.keepExisting ?? false]), [
    ['descriptors-keep-master-sid', 'no-acl-rewrite', false],
    ['non-destructive-apply', 'setupcl', true],
  ]);
});

test('the library shares masters: far fewer installs than scenarios', (t) => {
  for (const guest of ['reference', 'debian'] as const) {
    const plan = planRun(library.filter((scenario) => scenario.master.guest === guest));
    const masters = new Set(plan.scenarios.map((entry) => entry.masterKey));
    t.true(masters.size <= (guest === 'reference' ? 6 : 1), `${guest}: ${masters.size} distinct masters`);
  }
  t.true(planRun(library).scenarios.some((entry) => entry.scenario.targets === 'all-models'));
});

test('the Debian library reproduces its organic failures, on at least six models, and is tagged apart', (t) => {
  const debian = library.filter((scenario) => scenario.master.guest === 'debian');
  const reproduced = new Set(debian.flatMap((scenario) => (scenario.expect === 'pass' ? [] : scenario.expect.reproduces)));
  for (const failure of ['duplicate-machine-id', 'duplicate-ssh-host-key', 'duplicate-hostname', 'duplicate-filesystem-uuid', 'nic-down', 'stop-0x7b', 'stale-root-uuid'] as const) {
    t.true(reproduced.has(failure), failure);
  }
  const models = new Set(planRun(debian).scenarios.flatMap((entry) => entry.clones.map((clone) => clone.machine)));
  t.true(models.size >= 6, `${models.size} models`);
  t.true(debian.every((scenario) => scenario.tags.includes('debian')));
  t.true(library.filter((scenario) => scenario.master.guest !== 'debian').every((scenario) => !scenario.tags.includes('debian')));
});
