import test from 'ava';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { describeMachines } from '../../../harness/run/describe-machines.js';

const model = (name: string, overrides: Partial<HardwareModel> = {}): HardwareModel => ({
  name, purpose: 'a test model', chipset: 'pc', cpus: 1, memoryMiB: 256,
  nics: [{ device: 'e1000', slot: 2 }], video: { device: 'VGA', slot: 4 }, storage: { device: 'piix3-ide' }, ...overrides,
});

test('every model of the catalog is described along the triage dimensions, in catalog order', (t) => {
  const catalog = [
    model('zeta-lsi', { chipset: 'q35', storage: { device: 'lsi53c895a', slot: 5 } }),
    model('alpha-two-nics', { nics: [{ device: 'rtl8139', slot: 2, installDriver: '8139too' }, { device: 'e1000', slot: 3 }], video: { device: 'cirrus-vga', slot: 6 } }),
  ];
  t.deepEqual(describeMachines(catalog), [
    { name: 'zeta-lsi', chipset: 'q35', nic: 'e1000', slot: 'nic@2 video@4 storage@5', storage: 'lsi53c895a', video: 'VGA' },
    { name: 'alpha-two-nics', chipset: 'pc', nic: 'rtl8139 (recorded as 8139too)+e1000', slot: 'nic@2 nic@3 video@6 storage@chipset', storage: 'piix3-ide', video: 'cirrus-vga' },
  ]);
});
