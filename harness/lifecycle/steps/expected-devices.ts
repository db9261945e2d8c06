import type { HardwareModel } from '../../../machines/catalog/types.js';
import { findDevice } from '../../../machines/devices/registry.js';
import type { CloneFacts } from '../../checks/types.js';

/** The PCI functions a model must show, with slot as the guest writes it (`00:02.0`) and vendor:device. */
export function expectedDevices(model: HardwareModel): CloneFacts['expectedDevices'] {
  const entries = [...model.nics, model.video, model.storage];
  return entries.flatMap((entry) => {
    const spec = findDevice(entry.device);
    if (!spec) return [];
    const slot = entry.slot === undefined ? `00:${spec.builtin?.[model.chipset] ?? '??.?'}` : `00:${entry.slot.toString(16).padStart(2, '0')}.0`;
    return [{ kind: spec.kind, qemu: spec.qemu, slot, vendorDevice: `${spec.pci.vendor}:${spec.pci.device}` }];
  });
}
