import test from 'ava';
import { validateScenario } from '../../../../harness/spec/validate-scenario.js';
import { refuseScenario, scenarioWithMaster } from '../../../fixtures/planned-scenario.js';

// The master schema as the windows scenario kind reads it (harness/spec/schema.ts's transform).
const master = scenarioWithMaster;
const refuse = refuseScenario;

test('guest windows takes an image and makes the master NTFS unless the scenario says otherwise', (t) => {
  t.like(validateScenario(master({ guest: 'windows', image: 'install.wim:1' })).master, { guest: 'windows', image: 'install.wim:1', geometry: { filesystem: 'ntfs' } });
  t.like(validateScenario(master({ guest: 'windows', image: 'd.qcow2', geometry: { size: '2G' } })).master.geometry, { size: '2G', filesystem: 'ntfs' });
  t.is(validateScenario(master({ guest: 'windows', image: 'x.wim', geometry: { filesystem: 'fat32' } })).master.geometry.filesystem, 'fat32', 'kept: install refuses it with its own message');
  t.is(validateScenario(master({ image: 'x.img' }), null).master.guest, 'image', 'an image without a guest is still a Linux image');
});

test('guest windows without an image is refused with what to give; an image with another guest names windows too', (t) => {
  t.regex(refuse(master({ guest: 'windows' })), /master\.image.*guest `windows` needs `image: 'install\.wim:1'` or an NTFS disk image/s);
  t.regex(refuse(master({ guest: 'debian', image: 'x.wim' })), /goes with guest 'image' .* or 'windows', not 'debian'/);
});
