import { listModelDevices } from '../../../machines/catalog/model-devices.js';
import type { HardwareModel } from '../../../machines/catalog/types.js';
import { formatPciAddress } from '../../../machines/devices/pci-address.js';
import type { CloneFacts } from '../../checks/types.js';

/** The PCI functions a model must show: address `bus:slot.fn` (as the guest writes it) and vendor:device. */
export function expectedDevices(model: HardwareModel): CloneFacts['expectedDevices'] {
  return listModelDevices(model).flatMap(({ spec, address }) => {
    if (!spec) return [];
    const slot = address ? formatPciAddress(address) : '00:??.?';
    return [{ kind: spec.kind, qemu: spec.qemu, slot, vendorDevice: `${spec.pci.vendor}:${spec.pci.device}` }];
  });
}
