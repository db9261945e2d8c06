import type { ExpectedPlacement } from './expected-placement.js';
import type { PciFunction } from './pci-info.js';

/** Evidence for one device: what the model declares, what QEMU reports at that position. */
export interface PlacementEvidence {
  expected: ExpectedPlacement;
  /** The function QEMU reports at the expected position of bus 0, if any. */
  found?: PciFunction;
  ok: boolean;
  /** Why it is not ok, in words (empty when ok). */
  mismatch: string;
}

/** Compares each expected device (vendor:device and class) with the PCI function at its position on bus 0. Pure. */
export function comparePlacement(expected: readonly ExpectedPlacement[], functions: readonly PciFunction[]): PlacementEvidence[] {
  return expected.map((want) => {
    const found = functions.find((fn) => fn.bus === 0 && fn.position === want.position);
    const wantIds = `${want.vendor}:${want.device}`;
    if (!found) {
      const elsewhere = functions.filter((fn) => `${fn.vendor}:${fn.device}` === wantIds).map((fn) => `${fn.bus}:${fn.position}`);
      const hint = elsewhere.length > 0 ? `; ${wantIds} is at ${elsewhere.join(', ')}` : '';
      return { expected: want, ok: false, mismatch: `${want.role} (${want.qemu}): nothing at 00:${want.position}, expected ${wantIds}${hint}` };
    }
    const foundIds = `${found.vendor}:${found.device}`;
    if (foundIds !== wantIds) {
      return { expected: want, found, ok: false, mismatch: `${want.role} (${want.qemu}): 00:${want.position} is ${foundIds}, expected ${wantIds}` };
    }
    if (found.pciClass !== want.pciClass) {
      return { expected: want, found, ok: false, mismatch: `${want.role} (${want.qemu}): 00:${want.position} has class ${found.pciClass}, expected ${want.pciClass}` };
    }
    return { expected: want, found, ok: true, mismatch: '' };
  });
}
