// The lab's common probe report: what a booted clone says about itself, in the one shape every
// check, report and comparison reads. Each guest maps its own agent's report onto it (the
// reference guest's: harness/guest/to-clone-report.ts), so nothing above asks which guest it holds.
import type { IdentityItem } from './identity.js';

/** A device as the clone's probe report describes it. */
export interface DeviceFact {
  /** `bus:dev.fn`, e.g. `00:02.0`. */
  slot: string;
  /** `vendor:device`, lower-case hex. */
  vendorDevice: string;
  recordedDriver?: string;
  boundDriver?: string;
  status: 'started' | 'problem';
  problem?: number;
}

/** A network interface as the clone's probe report describes it. */
export interface NicFact {
  slot?: string;
  hardwareMac: string;
  recordedMac?: string;
  /** A network-address override from the registry (a pinned MAC). */
  overrideMac?: string;
  /** The address the interface really uses: a network-address override wins over the hardware MAC. */
  effectiveMac: string;
  interface?: string;
  up: boolean;
}

/** What one clone said about itself, in the neutral shape the checks read. */
export interface CloneReport {
  /**
   * Which setup ran on this boot: install, mini-setup (first boot after generalize), or none;
   * `generalized`: an image inspected offline whose setup is still pending (no identity in use).
   */
  setup: 'install' | 'mini-setup' | 'none' | 'generalized';
  /** Every identity value the guest reported, by kind (see identity.ts); the machine's own first. */
  identity: IdentityItem[];
  devices: DeviceFact[];
  nics: NicFact[];
  volume?: { filesystem: string; serial: string; sizeBytes: number; freeBytes?: number };
  /** File security descriptors: path → owner SID. Absent for a guest that has none (Linux). */
  descriptors?: { path: string; ownerSid: string }[];
  /** Linux guests: the root filesystem as the booted system saw it, and the UUIDs fstab names vs those present. */
  root?: { device: string; uuid?: string; fstabUuids: string[]; presentUuids: string[] };
  /** Linux guests: systemd units that failed on this boot. */
  failedUnits?: string[];
}
