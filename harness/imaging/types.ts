// The data types of clone methods: one interface, four methods with honest consequences.
import type { DiskInfo, Geometry } from '../disks/types.js';
import type { FatLoss } from './fat-names.js';

/** How a source volume is carried to its targets. */
export type CloneMethodName = 'sector' | 'used-blocks' | 'file' | 'overlay';

/** WIM compression: none, XPRESS, LZX, or LZMS in a solid resource. */
export type WimCompression = 'none' | 'xpress' | 'lzx' | 'lzms-solid';

/** Options of a capture. */
export interface CaptureOptions {
  /** Where the captured artifact goes (a WIM, a raw partition file; ignored by overlay). */
  out: string;
  /** WIM only: compression (default lzx). */
  compress?: WimCompression;
  /** WIM only: image name (default: the source file name). */
  name?: string;
  /** WIM only: add the image to an existing WIM instead of making a new one. */
  append?: boolean;
  /** WIM only: write an integrity table (`--check`). */
  check?: boolean;
  /** Cancels the capture: its tools (wimlib, qemu-img, ntfsclone) are stopped, the temporary artifact removed. */
  signal?: AbortSignal;
}

/** A captured source, ready to apply to any number of targets. */
export interface CapturedImage {
  method: CloneMethodName;
  /** The artifact: raw partition file, WIM, or (overlay) the master disk itself. */
  path: string;
  source: string;
  /** Facts of the source disk (undefined when a WIM was captured from a host folder). */
  sourceInfo?: DiskInfo;
  /** Bytes the artifact takes on the host disk (allocated, so sparse files count what they hold). */
  storedBytes: number;
  /** WIM only: index of the image to apply (default 1 / the image just captured). */
  index?: number;
  /** WIM only: the other parts of a split WIM. */
  refs?: string[];
  notes: string[];
}

/** Options of an apply. */
export interface ApplyOptions {
  /** sector/used-blocks: write onto a smaller partition anyway, truncating (reproduces the failure). */
  force?: boolean;
  /** file: keep the target's existing files (non-destructive apply); the target must exist. */
  keepExisting?: boolean;
  /**
   * file: the time (ms since the epoch) a clock-seeded formatter reads, for a target geometry with
   * `serial: 'clock'`; one clock for many targets formats them "in the same second". Default now.
   */
  formatClock?: number;
  /** file onto FAT: apply even when names of the image cannot exist there, leaving them out (listed in `losses`); without it such an apply is refused. */
  lossy?: boolean;
  /** file onto a fresh ext4 root: give it the source's filesystem UUID instead of a new random one. */
  keepUuid?: boolean;
  /** Cancels the apply: its tools (wimlib, mkfs, mtools, ntfs-3g, qemu-img, dd) are stopped, the temporary target removed. */
  signal?: AbortSignal;
}

/** What an apply did, with notes that say what did not come out as one might hope. */
export interface ApplyResult {
  method: CloneMethodName;
  target: string;
  /** Facts of the target disk afterwards (undefined for a qcow2 overlay). */
  info?: DiskInfo;
  bytesWritten: number;
  notes: string[];
  /** file + keepExisting: paths on the target that the WIM replaced. */
  clashes?: string[];
  /** file onto FAT: names of the image FAT cannot hold (non-empty only with `lossy`); absent for NTFS. */
  losses?: FatLoss[];
}

/** One way of cloning: capture from a source disk, apply to a target path and geometry. */
export interface CloneMethod {
  name: CloneMethodName;
  /** Captures a source disk (or, for `file`, a host folder). Never writes the source. */
  capture(sourceDisk: string, options: CaptureOptions): Promise<CapturedImage>;
  /** Makes the target disk from a capture; written to a temporary name, renamed at the end. */
  apply(captured: CapturedImage, targetPath: string, targetGeometry: Geometry, options?: ApplyOptions): Promise<ApplyResult>;
}
