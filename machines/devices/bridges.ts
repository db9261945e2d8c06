import type { Chipset } from './types.js';

/** The PCI bridges a hardware model may put devices behind. */
export const bridgeTypes = ['pci-bridge', 'pcie-root-port', 'pcie-pci-bridge'] as const;
/** One bridge type (its QEMU `-device` name). */
export type BridgeType = (typeof bridgeTypes)[number];

/** What a bridge is to the lab: where it may sit, and what its own bus (the secondary bus) takes. */
export interface BridgeSpec {
  type: BridgeType;
  product: string;
  /** PCI vendor and device id, lower-case hex (as `query-pci` proves them); class 0604 for all. */
  pci: { vendor: string; device: string };
  pciClass: string;
  /** Chipsets that have this kind of bridge. */
  chipsets: Chipset[];
  /** Where the bridge may sit: `root` (the chipset's bus 0) or behind one of these bridge types. */
  parents: ('root' | BridgeType)[];
  /**
   * Its secondary bus: `pci` has 32 slots (0x00–0x1f) and takes any device; `pcie-port` is a PCI
   * Express link with one device, at slot 0, and takes PCI Express devices only.
   */
  secondary: 'pci' | 'pcie-port';
  /** The QEMU property of its chassis number (1–255, unique per model); absent: it has none. */
  chassisProperty?: 'chassis_nr' | 'chassis';
}

/**
 * The bridge registry. Evidence: machines/README.md, "PCI topology" (QEMU 7.2, SeaBIOS, Linux
 * 6.1): which bridge each chipset has, where it may sit, and what its bus takes.
 */
export const bridgeRegistry: readonly BridgeSpec[] = [
  {
    type: 'pci-bridge', product: 'PCI-PCI bridge', pci: { vendor: '1b36', device: '0001' }, pciClass: '0604',
    chipsets: ['pc'], parents: ['root', 'pci-bridge'], secondary: 'pci', chassisProperty: 'chassis_nr',
  },
  {
    type: 'pcie-root-port', product: 'PCI Express root port', pci: { vendor: '1b36', device: '000c' }, pciClass: '0604',
    chipsets: ['q35'], parents: ['root'], secondary: 'pcie-port', chassisProperty: 'chassis',
  },
  {
    type: 'pcie-pci-bridge', product: 'PCI Express to PCI bridge', pci: { vendor: '1b36', device: '000e' }, pciClass: '0604',
    chipsets: ['q35'], parents: ['root', 'pcie-root-port'], secondary: 'pci',
  },
];

/** Finds a bridge type's description, or returns undefined. */
export function findBridge(type: string): BridgeSpec | undefined {
  return bridgeRegistry.find((bridge) => bridge.type === type);
}
