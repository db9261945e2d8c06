import type { FatLoss } from '../imaging/fat-names.js';
import type { FailureName } from '../scenario/failure-names.js';

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
  setup: 'install' | 'mini-setup' | 'none';
  machineSid: string;
  computerName: string;
  accountSids: string[];
  devices: DeviceFact[];
  nics: NicFact[];
  volume?: { filesystem: string; serial: string; sizeBytes: number; freeBytes?: number };
  /** File security descriptors: path → owner SID. */
  descriptors: { path: string; ownerSid: string }[];
}

/** Everything known about one booted clone: the guest's report and the host's own facts. */
export interface CloneFacts {
  cloneId: string;
  machine: string;
  /** STOP line when the boot ended in one (e.g. `STOP 0x0000007B INACCESSIBLE_BOOT_DEVICE`). */
  stop?: string;
  report?: CloneReport;
  /** MAC of each NIC as QEMU was told (from the argv). */
  hardwareMacs: string[];
  /** Expected devices: slot and vendor:device of every PCI device of the model. */
  expectedDevices: { kind: string; qemu: string; slot: string; vendorDevice: string }[];
  /** Size of the target partition in bytes (what the target geometry promises). */
  partitionBytes?: number;
  /** Volume serial in the target's boot sector after apply, read on the host: what the harness formatted, or what a raw clone copied. */
  volumeSerial?: string;
  /** Files that were on the target before apply, and what is there after the clone booted. */
  userFiles?: { expected: Record<string, string>; found: Record<string, string | null> };
  /** Apply was refused (e.g. a sector clone onto a smaller volume). */
  applyRefused?: string;
  /** A lossy file apply onto FAT: the names of the image FAT could not hold, and what became of each. */
  fatLosses?: FatLoss[];
}

/** The result of one check, with the evidence that decided it. */
export interface CheckResult {
  id: string;
  scope: 'fleet' | 'clone' | 'image';
  cloneId?: string;
  status: 'pass' | 'fail' | 'skip';
  /** Named failures this check observed (empty when it passed). */
  failures: FailureName[];
  summary: string;
  /** The values compared, and where they came from. */
  evidence: Record<string, unknown>;
}
