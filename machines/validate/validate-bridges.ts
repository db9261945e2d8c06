import { bridgeRegistry, findBridge } from '../devices/bridges.js';
import type { Chipset } from '../devices/types.js';
import type { Bridge, HardwareModel } from '../catalog/types.js';
import type { Report } from './problems.js';

const BRIDGE_ID = /^[a-z][a-z0-9-]*$/;
const BRIDGES_OF: Record<Chipset, string> = {
  pc: 'i440FX is conventional PCI, its bridge is pci-bridge',
  q35: 'Q35 is PCI Express, its bridges are pcie-root-port (one PCI Express device) and pcie-pci-bridge (conventional devices)',
};

/** Device ids the lab gives its own QEMU devices: a bridge may not take one. */
const LAB_IDS = /^(nic\d+|video0|stor0|disk0dev)$/;

/** Checks one bridge of a model: id, type on this chipset, parent bus, reachable from bus 0, then its slot. */
export function checkBridge(
  model: HardwareModel, bridge: Bridge, field: string, bridgeById: ReadonlyMap<string, Bridge>, reachable: ReadonlyMap<string, number>,
  report: Report, place: (field: string, label: string, slot: number) => void,
): void {
  if (!BRIDGE_ID.test(bridge.id) || LAB_IDS.test(bridge.id)) {
    report(`${field}.id`, `Bridge id must be a-z, 0-9 and - starting with a letter, and not one of the lab's own device ids (nic0…, video0, stor0, disk0dev); got "${bridge.id}"`);
  }
  if (bridgeById.get(bridge.id) !== bridge) report(`${field}.id`, `Two bridges are named "${bridge.id}": expected a unique id`);
  const spec = findBridge(bridge.type);
  if (!spec) {
    report(`${field}.type`, `Unknown bridge type "${bridge.type}"; expected one of ${bridgeRegistry.map((entry) => entry.type).join(', ')}`);
    return;
  }
  if (!spec.chipsets.includes(model.chipset)) {
    report(`${field}.type`, `The ${model.chipset} chipset has no ${spec.type}: ${BRIDGES_OF[model.chipset]}; got "${spec.type}"`);
    return;
  }
  const parent = bridge.bus === undefined ? undefined : bridgeById.get(bridge.bus);
  const parentKind = bridge.bus === undefined ? 'root' : parent?.type;
  if (parentKind !== undefined && !spec.parents.includes(parentKind as 'root')) {
    const allowed = spec.parents.map((entry) => (entry === 'root' ? 'bus 0' : `a ${entry}`)).join(' or ');
    report(`${field}.bus`, `A ${spec.type} sits on ${allowed}; got ${bridge.bus === undefined ? 'bus 0' : `"${bridge.bus}" (a ${parentKind})`}`);
    return;
  }
  if (parent && !reachable.has(bridge.id)) {
    report(`${field}.bus`, `Bridge "${bridge.id}" sits behind "${bridge.bus}", which never reaches bus 0 (a loop of bridges); expected a chain of bridges that ends on bus 0`);
    return;
  }
  place(field, `${spec.type} "${bridge.id}"`, bridge.slot);
}

/** Checks the chassis numbers of a model's bridges: only where the type has one, 1–255, unique. */
export function checkChassis(model: HardwareModel, report: Report): void {
  const seen = new Map<number, string>();
  (model.bridges ?? []).forEach((bridge, index) => {
    if (bridge.chassis === undefined) return;
    const field = `bridges[${index}].chassis`;
    const spec = findBridge(bridge.type);
    if (spec && !spec.chassisProperty) {
      report(field, `A ${spec.type} has no chassis number; expected none, got ${bridge.chassis}`);
      return;
    }
    if (!Number.isInteger(bridge.chassis) || bridge.chassis < 1 || bridge.chassis > 255) {
      report(field, `Chassis number must be an integer from 1 to 255, got ${bridge.chassis}`);
      return;
    }
    const other = seen.get(bridge.chassis);
    // QEMU refuses two root ports of one chassis and slot ("Can't add chassis slot, error -16").
    if (other) report(field, `Bridges "${other}" and "${bridge.id}" have one chassis number, ${bridge.chassis}: expected a unique one per bridge`);
    else seen.set(bridge.chassis, bridge.id);
  });
}
