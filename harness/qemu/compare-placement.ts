import type { ExpectedPlacement } from './expected-placement.js';
import type { PciFunction } from './pci-info.js';

/** Evidence for one device: what the model declares, what QEMU reports at that position. */
export interface PlacementEvidence {
  expected: ExpectedPlacement;
  /** The function QEMU reports at the expected address, if any. */
  found?: PciFunction;
  /** Where else QEMU shows the expected vendor:device (not at an address another entry of the model accounts for); empty when ok. */
  elsewhere: string[];
  ok: boolean;
  /** Why it is not ok, in words (empty when ok). */
  mismatch: string;
}

/**
 * Compares each expected device (vendor:device and class) with the PCI function at its address,
 * and each bridge's bus number, once the firmware gave it one, with the model's. Pure.
 */
export function comparePlacement(expected: readonly ExpectedPlacement[], functions: readonly PciFunction[]): PlacementEvidence[] {
  const ids = (entry: { vendor: string; device: string }): string => `${entry.vendor}:${entry.device}`;
  // Addresses where the model's own entries are found as declared: not "elsewhere" for another entry of the same kind (two e1000s).
  const claimed = new Set(expected.filter((want) => functions.some((fn) => fn.address === want.address && ids(fn) === ids(want))).map((want) => want.address));
  return expected.map((want) => {
    const found = functions.find((fn) => fn.address === want.address);
    const wantIds = ids(want);
    const elsewhere = functions.filter((fn) => ids(fn) === wantIds && fn.address !== want.address && !claimed.has(fn.address)).map((fn) => fn.address);
    const hint = elsewhere.length > 0 ? `; ${wantIds} is at ${elsewhere.join(', ')}` : '';
    const fail = (mismatch: string): PlacementEvidence => ({ expected: want, ...(found ? { found } : {}), elsewhere, ok: false, mismatch: `${want.role} (${want.qemu}): ${mismatch}` });
    if (!found) return fail(`nothing at ${want.address}, expected ${wantIds}${hint}`);
    if (ids(found) !== wantIds) return fail(`${want.address} is ${ids(found)}, expected ${wantIds}${hint}`);
    if (found.pciClass !== want.pciClass) return fail(`${want.address} has class ${found.pciClass}, expected ${want.pciClass}`);
    if (want.secondaryBus !== undefined && found.secondaryBus !== undefined && found.secondaryBus !== 0 && found.secondaryBus !== want.secondaryBus) {
      return fail(`the firmware numbered the bus behind ${want.address} ${hex2(found.secondaryBus)}, the model numbers it ${hex2(want.secondaryBus)}`);
    }
    return { expected: want, found, elsewhere: [], ok: true, mismatch: '' };
  });
}

function hex2(value: number): string {
  return value.toString(16).padStart(2, '0');
}
