import test from 'ava';
import { pickModelsPerController } from '../../../bench/sections/boot-vs-floor.js';
import { hardwareCatalog } from '../../../machines/catalog/models.js';

test('pickModelsPerController: one model per storage controller, never mptsas1068', (t) => {
  const picked = pickModelsPerController(hardwareCatalog);
  const devices = picked.map((model) => model.storage.device);
  t.is(new Set(devices).size, devices.length);
  t.false(devices.includes('mptsas1068'));
  t.true(devices.includes('piix3-ide'));
  const all = new Set(hardwareCatalog.map((model) => model.storage.device));
  t.is(devices.length, all.size - 1);
  t.is(picked[0]?.name, 'desktop-e1000');
});
