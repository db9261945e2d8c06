import type { FatLoss } from '../imaging/fat-names.js';
import type { StopFailure } from '../probe/boot-stop.js';
import type { CloneReport } from '../probe/clone-report.js';
import type { FailureName } from '../spec/failure-names.js';

/** Everything known about one booted clone: the guest's report and the host's own facts. */
export interface CloneFacts {
  cloneId: string;
  machine: string;
  /** STOP line when the boot ended in one (e.g. `STOP 0x0000007B INACCESSIBLE_BOOT_DEVICE`). */
  stop?: string;
  /** The named failure the stop shows (the profile's reading of its console or report). */
  stopFailure?: StopFailure;
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
  /** Where QEMU put each device of the model, proven when the clone's VM started; absent when no VM started. */
  placement?: PlacementFact;
}

/** The placement proof of one boot (QMP `query-pci` vs the model), as results.json keeps it. */
export interface PlacementFact {
  qemuVersion: string;
  /** `paused`: proven before the CPUs ran; `firmware-numbered`: the buses behind bridges were proven once the firmware numbered them. */
  provenWhen: 'paused' | 'firmware-numbered';
  /** Milliseconds from QEMU's start to `cont`. */
  pausedMs: number;
  /** Milliseconds the paused query and comparison took. */
  checkMs: number;
  /** Milliseconds from `cont` until the buses behind the bridges were numbered and compared. */
  numberingMs?: number;
  /** One row per device, then per bridge of the model. */
  devices: PlacedDevice[];
}

/** One device's placement: the address the model gives it and the one QEMU reports, with the ids. */
export interface PlacedDevice {
  /** `nic0`, `video`, `storage`, or a bridge's id. */
  role: string;
  kind: string;
  qemu: string;
  /** `bus:slot.fn` the model gives it. */
  expected: string;
  /** `bus:slot.fn` where QEMU has the model's vendor:device (the expected one when it is there), or null. */
  found: string | null;
  /** vendor:device the registry gives the device. */
  ids: string;
  /** vendor:device QEMU reports at the expected address, or null when nothing is there. */
  foundIds: string | null;
  ok: boolean;
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
