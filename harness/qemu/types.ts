import type { HardwareModel } from '../../machines/catalog/types.js';

/** QEMU acceleration: `kvm` only where a probe proved that guests really run under it. */
export type Accel = 'kvm' | 'tcg';

/** A disk image attached to the model's storage controller (the first one is the system disk). */
export interface VmDisk {
  /** Path of the image file. Never the master: every VM gets its own copy or overlay. */
  path: string;
  format: 'raw' | 'qcow2';
  /** Logical sector size the controller reports to the guest (default 512). */
  logicalSectorSize?: 512 | 4096;
  /** Attach read-only. */
  readOnly?: boolean;
}

/** How the VM boots. */
export type BootSpec =
  /** The harness plays the boot loader: direct (PVH) boot of the kernel with the loader as initrd. */
  | { kind: 'kernel'; kernel: string; initrd?: string; append: string }
  /** Firmware (SeaBIOS) boots from the system disk. */
  | { kind: 'firmware' }
  /** Firmware boots from the system disk: SeaBIOS (`bios`), or OVMF (`uefi`) with its code and this VM's own copy of the variables file. */
  | FirmwareBoot;

/** A firmware boot named by its firmware (harness/qemu/firmware-args.ts turns it into QEMU options). */
export type FirmwareBoot =
  | { kind: 'firmware'; firmware: 'bios' }
  /** `code` is opened read-only; `vars` is written by the firmware, so it is never the system file (see prepareOvmfVars). */
  | { kind: 'firmware'; firmware: 'uefi'; code: string; vars: string };

/** Where the VM's channels go. */
export interface VmChannels {
  /** COM1: the console log file. */
  consoleLog: string;
  /** COM2: the agent channel (probe report, JSON lines) file. */
  agentLog: string;
  /** The QMP unix socket path (at most 107 bytes). */
  qmpSocket: string;
}

/** Everything `buildQemuArgs` needs: a pure description of one VM. */
export interface QemuArgsInput {
  /** VM name: shown by QEMU and used in the repro script. */
  name: string;
  model: HardwareModel;
  disks: VmDisk[];
  boot: BootSpec;
  channels: VmChannels;
  /** Seed for the VM's generated MACs (unique per VM, e.g. a random UUID). */
  macSeed: string;
  accel: Accel;
  /** Start with the CPUs stopped (`-S`), e.g. to prove placement with `query-pci`. */
  paused?: boolean;
  /** How QEMU is confined: decided once per host by `resolveConfinement` (harness/qemu/confinement.ts). */
  confinement: QemuConfinement;
}

/** An unprivileged host user QEMU switches to (`-runas`). */
export interface QemuUser {
  name: string;
  uid: number;
  gid: number;
}

/** How a VM's QEMU is confined on this host, with the reasons (`clonelab doctor` and runqemu.sh show them). */
export interface QemuConfinement {
  /** `-sandbox on,…`: QEMU's seccomp filter, where this QEMU build and the host kernel support it. */
  sandbox: boolean;
  /** `-runas`: the user QEMU switches to once it has opened its files (only when started as root). */
  runAs?: QemuUser;
  /** Why each choice was made, in words. */
  why: { sandbox: string; runAs: string };
}

/** The built command line, plus the facts a report needs. */
export interface QemuCommand {
  binary: string;
  args: string[];
  /** The MAC of each NIC of the model, in the model's order. */
  macs: string[];
  /** The confinement the argv carries (a VM that switched users writes later files, e.g. screendumps, as that user). */
  confinement: QemuConfinement;
}
