import type { PciAddress } from './types.js';

/**
 * Formats a PCI address as `bus:slot.fn` in hex, the one way the lab writes an address: in the
 * model's expected devices, the guest's probe report, the placement proof and the reports.
 * @example formatPciAddress({ bus: 0, slot: 0x1f, fn: 2 }) // '00:1f.2'
 */
export function formatPciAddress(address: PciAddress): string {
  return `${hex2(address.bus)}:${hex2(address.slot)}.${address.fn.toString(16)}`;
}

/**
 * Formats a slot number as QEMU's `addr=` property takes it, and as the model's validation
 * messages name a slot of bus 0.
 * @example formatSlot(5) // '0x05'
 */
export function formatSlot(slot: number): string {
  return `0x${hex2(slot)}`;
}

function hex2(value: number): string {
  return value.toString(16).padStart(2, '0');
}
