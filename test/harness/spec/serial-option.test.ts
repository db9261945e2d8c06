// The geometry option `serial`: a scenario asks for clock-seeded serials by name.
import test from 'ava';
import { UsageError } from '../../../harness/errors/errors.js';
import { resolveTargetGeometry } from '../../../harness/spec/resolve-geometry.js';
import { validateScenario } from '../../../harness/spec/validate-scenario.js';
import { scenarioInput } from '../../fixtures/planned-scenario.js';

test('a file clone target may ask for serial "clock"; its geometry carries it, others stay random', (t) => {
  const scenario = validateScenario(scenarioInput({ targets: [{ machine: 'desktop-e1000', geometry: { filesystem: 'ntfs', serial: 'clock' } }, { machine: 'desktop-cirrus' }] }));
  const targets = Array.isArray(scenario.targets) ? scenario.targets : [];
  t.is(resolveTargetGeometry(scenario.master.geometry, targets[0]?.geometry).serial, 'clock');
  t.is(resolveTargetGeometry(scenario.master.geometry, targets[1]?.geometry).serial, undefined);
});

test('an unknown serial policy, or one on a sector clone target, is refused naming the field', (t) => {
  const unknown = t.throws(() => validateScenario(scenarioInput({ master: { machine: 'desktop-e1000', geometry: { serial: 'same' as never } } })), { instanceOf: UsageError });
  t.regex(unknown.message, /master\.geometry\.serial: .*"random".*"clock".*got "same"/);
  const sector = t.throws(() => validateScenario(scenarioInput({ capture: { method: 'sector' }, targets: [{ machine: 'desktop-e1000', geometry: { serial: 'clock' } }] })), { instanceOf: UsageError });
  t.regex(sector.message, /targets\[0\]\.geometry\.serial: a sector clone copies the master's volume serial onto the target; expected nothing, got "clock"/);
});
