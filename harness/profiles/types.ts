// What a guest is to the lab. One interface; one folder per guest of the same shape (reference,
// debian, image); nothing above this folder asks which guest it holds.
import type { HardwareModel } from '../../machines/catalog/types.js';
import type { Geometry } from '../disks/types.js';
import type { CloneMethod, CloneMethodName } from '../imaging/types.js';
import type { BootStop } from '../probe/boot-stop.js';
import type { CloneReport } from '../probe/clone-report.js';
import type { IdentityItem, IdentityKind } from '../probe/identity.js';
import type { PlacementProof } from '../qemu/prove-and-continue.js';
import type { Accel } from '../qemu/types.js';
import type { VmResult } from '../qemu/vm.js';

/** Every guest profile by name. */
export const guestProfileNames = ['reference', 'debian', 'image', 'windows'] as const;
/** One guest profile's name. */
export type GuestProfileName = (typeof guestProfileNames)[number];

/** How a guest's kernel is started: the harness as boot loader, or firmware and the image's own loader. */
export const bootPaths = ['direct', 'bios', 'uefi'] as const;
/** One boot path. */
export type BootPath = (typeof bootPaths)[number];

/** What every VM a profile starts needs from the run. */
export interface VmEnvironment {
  accel: Accel;
  /** Content-addressed store of boot files shared by the run's boots. */
  bootFileStore: string;
  signal: AbortSignal;
  timeoutMs: number;
}

/** The master as a scenario describes it, in the words a profile reads. */
export interface MasterSpec {
  /** The user's own disk image (profile `image`; profile `windows`: a WIM image or an NTFS disk): never written. */
  image?: string;
  boot: BootPath;
  install: { omitDrivers?: readonly string[]; pinnedMac?: string };
}

/** Install: the master's first boot on its install model. */
export interface InstallInput extends VmEnvironment {
  master: MasterSpec;
  model: HardwareModel;
  /** Where the installed disk goes (raw). */
  out: string;
  workDir: string;
  /** The master volume's geometry, resolved by the scenario's defaults. */
  geometry: Geometry;
}

/** Generalize options (sysprep), as the scenario gives them. */
export interface GeneralizeOptions {
  massStorage: boolean;
  sidChanger: 'setupcl' | 'no-acl-rewrite';
}

/** Generalize: a new disk from the installed master (the master is only read). */
export interface GeneralizeInput extends VmEnvironment {
  master: MasterSpec;
  model: HardwareModel;
  image: string;
  out: string;
  workDir: string;
  options: GeneralizeOptions;
}

/** One boot of a clone's own disk. */
export interface BootInput extends VmEnvironment {
  master: MasterSpec;
  disk: string;
  format: 'raw' | 'qcow2';
  /** A raw disk holding the same boot files as `disk` (an overlay's backing master). */
  bootFilesFrom?: string;
  model: HardwareModel;
  workDir: string;
}

/** What one boot of a clone gave, in the lab's common shape. */
export interface BootResult {
  report?: CloneReport;
  stop?: BootStop;
  /** Absent when no VM started (the boot loader found nothing to start). */
  vm?: VmResult;
  consoleLog?: string;
  agentLog?: string;
  screenshot?: string;
  macs: string[];
  reportMs?: number;
  placement?: PlacementProof;
  /** Lines of the agent channel that were not valid probe lines. */
  malformedLines: number;
}

/** A guest profile: how a guest is built, installed, generalized, booted and read. */
export interface GuestProfile {
  name: GuestProfileName;
  /** The identity items this guest has (each gets a fleet uniqueness check). */
  identityKinds: readonly IdentityKind[];
  /** Hash of what the masters come from (the cached build; a user's image file): a new one makes new masters. Builds it when missing. */
  buildHash(master: MasterSpec, signal?: AbortSignal): Promise<string>;
  /** Installs the master (first boot on the install model); returns its machine identity. */
  install(input: InstallInput): Promise<{ identity?: IdentityItem; partitionBytes?: number }>;
  /** Generalizes a copy of the master into `out`. */
  generalize(input: GeneralizeInput): Promise<void>;
  /** Boots a clone and reads its report. */
  boot(input: BootInput): Promise<BootResult>;
  /** The clone methods this guest's disks take. */
  cloneMethods: Record<CloneMethodName, CloneMethod>;
}
