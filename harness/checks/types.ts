import type { FatLoss } from '../imaging/fat-names.js';
import type { CloneReport } from '../probe/clone-report.js';
import type { FailureName } from '../spec/failure-names.js';

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
