import { findBridge, type BridgeSpec } from '../devices/bridges.js';
import type { Chipset, PciAddress } from '../devices/types.js';
import type { Bridge, HardwareModel } from './types.js';

/** One bridge of a model, placed: its address on its parent bus and the number of its own bus. */
export interface ModelBridge {
  bridge: Bridge;
  /** Its index in `model.bridges` (for field names: `bridges[1].slot`). */
  index: number;
  /** The registry's description; absent for an unknown type (`validateModel` reports it). */
  spec?: BridgeSpec;
  /** Where the bridge itself sits (`bus:slot.0`, the parent bus by its guest-visible number). */
  address: PciAddress;
  /** The guest-visible number of the bus behind it. */
  secondaryBus: number;
  /** Its chassis number, for the types that have one. */
  chassis?: number;
}

/** The QEMU name of a chipset's root bus (bus 0): `pci.0` on pc, `pcie.0` on q35. */
export function rootBusName(chipset: Chipset): string {
  return chipset === 'q35' ? 'pcie.0' : 'pci.0';
}

/**
 * Numbers the buses behind a model's bridges as the guest sees them. The firmware (SeaBIOS)
 * enumerates depth first: it scans a bus slot by slot, gives each bridge it meets the next bus
 * number and numbers everything behind that bridge before the next slot; Linux keeps those
 * numbers. Measured on QEMU 7.2 + Linux 6.1 (machines/README.md, "PCI topology"): a
 * pci-bridge at 00:05 gets bus 1 and one at 00:08 bus 2, also when listed the other way round.
 * Bridges not reachable from bus 0 (a missing parent, a loop) get no number. Pure.
 * @example numberBuses({ ...model, bridges: [{ id: 'br1', type: 'pci-bridge', slot: 8 }] }) // Map { 'br1' => 1 }
 */
export function numberBuses(model: Pick<HardwareModel, 'bridges'>): Map<string, number> {
  const bridges = model.bridges ?? [];
  const numbers = new Map<string, number>();
  const visit = (bus: string | undefined): void => {
    const children = bridges.filter((bridge) => bridge.bus === bus && !numbers.has(bridge.id)).sort((a, b) => a.slot - b.slot);
    for (const child of children) {
      if (numbers.has(child.id)) continue;
      numbers.set(child.id, numbers.size + 1);
      visit(child.id);
    }
  };
  visit(undefined);
  return numbers;
}

/** Chassis numbers: a bridge's own, else the lowest number no other bridge of the model has. Pure. */
export function assignChassis(model: Pick<HardwareModel, 'bridges'>): Map<string, number> {
  const bridges = (model.bridges ?? []).filter((bridge) => findBridge(bridge.type)?.chassisProperty !== undefined);
  const taken = new Set(bridges.flatMap((bridge) => (bridge.chassis === undefined ? [] : [bridge.chassis])));
  const chassis = new Map<string, number>();
  let next = 1;
  for (const bridge of bridges) {
    if (bridge.chassis !== undefined) {
      chassis.set(bridge.id, bridge.chassis);
      continue;
    }
    while (taken.has(next)) next += 1;
    taken.add(next);
    chassis.set(bridge.id, next);
  }
  return chassis;
}

/**
 * Lists a model's bridges that are reachable from bus 0, parents before children (the order
 * QEMU must be given them in), each with its address and the number of its own bus. Pure.
 */
export function listModelBridges(model: Pick<HardwareModel, 'bridges'>): ModelBridge[] {
  const numbers = numberBuses(model);
  const chassis = assignChassis(model);
  return (model.bridges ?? [])
    .map((bridge, index) => ({ bridge, index }))
    .filter(({ bridge }) => numbers.has(bridge.id))
    .sort((a, b) => (numbers.get(a.bridge.id) ?? 0) - (numbers.get(b.bridge.id) ?? 0))
    .map(({ bridge, index }) => {
      const spec = findBridge(bridge.type);
      const parentBus = bridge.bus === undefined ? 0 : numbers.get(bridge.bus) ?? 0;
      const number = chassis.get(bridge.id);
      return {
        bridge, index, ...(spec ? { spec } : {}), address: { bus: parentBus, slot: bridge.slot, fn: 0 },
        secondaryBus: numbers.get(bridge.id) ?? 0, ...(number === undefined ? {} : { chassis: number }),
      };
    });
}
