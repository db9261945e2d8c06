import type { ExpectedPlacement } from './expected-placement.js';
import type { PciFunction } from './pci-info.js';

/** Evidence for one device: what the model declares, what QEMU reports at that position. */
export interface PlacementEvidence {
  expected: ExpectedPlacement;
  /** The function QEMU reports at the expected address, if any. */
  found?: PciFunction;
  ok: boolean;
  /** Why it is not ok, in words (empty when ok). */
  mismatch: string;
}

/** Compares each expected device (vendor:device and class) with the PCI function at its address. Pure. */
export function comparePlacement(expected: readonly ExpectedPlacement[], functions: readonly PciFunction[]): PlacementEvidence[] {
  return expected.map((want) => {
    const found = functions.find((fn) => fn.address === want.address);
    const wantIds = `${want.vendor}:${want.device}`;
    if (!found) {
      const elsewhere = functions.filter((fn) => `${fn.vendor}:${fn.device}` === wantIds).map((fn) => fn.address);
      const hint = elsewhere.length > 0 ? `; ${wantIds} is at ${elsewhere.join(', ')}` : '';
      return { expected: want, ok: false, mismatch: `${want.role} (${want.qemu}): nothing at ${want.address}, expected ${wantIds}${hint}` };
    }
    const foundIds = `${found.vendor}:${found.device}`;
    if (foundIds !== wantIds) {
      return { expected: want, found, ok: false, mismatch: `${want.role} (${want.qemu}): ${want.address} is ${foundIds}, expected ${wantIds}` };
    }
    if (found.pciClass !== want.pciClass) {
      return { expected: want, found, ok: false, mismatch: `${want.role} (${want.qemu}): ${want.address} has class ${found.pciClass}, expected ${want.pciClass}` };
    }
    return { expected: want, found, ok: true, mismatch: '' };
  });
}
