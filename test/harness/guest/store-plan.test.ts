import test from 'ava';
import { deviceRegistry } from '../../../machines/devices/registry.js';
import { planStore } from '../../../harness/guest/store-plan.js';

test('the store carries every module of every registry device, 8139too and sd_mod', (t) => {
  const plan = planStore();
  for (const spec of deviceRegistry) for (const module of spec.modules) t.true(plan.storeModules.includes(module.replaceAll('-', '_')), `${spec.qemu}: ${module}`);
  t.true(plan.storeModules.includes('8139too'));
  t.true(plan.storeModules.includes('sd_mod'));
  t.true(plan.preferredModules.indexOf('8139cp') >= 0 && !plan.preferredModules.includes('8139too'), '8139cp wins the rtl8139 tie');
});

test('one loader piece per storage driver; SCSI and ATA pieces carry the disk class driver', (t) => {
  const plan = planStore();
  t.deepEqual(plan.storagePieces.ata_piix, ['ata_piix', 'sd_mod']);
  t.deepEqual(plan.storagePieces.virtio_blk, ['virtio_pci', 'virtio_blk']);
  t.deepEqual(plan.storagePieces.nvme, ['nvme']);
  t.deepEqual(plan.storagePieces.virtio_scsi, ['virtio_pci', 'virtio_scsi', 'sd_mod']);
  t.true(plan.moduleParams.includes('sym53c8xx.settle=0'));
});
