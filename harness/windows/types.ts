// What `clonelab inspect` reads out of one Windows image, in one typed record that the fleet
// checks, the STOP 0x7B prediction, the CLI and the reports read the same way, whatever the
// image came from (a WIM image, an NTFS disk, a folder).

/** Where an image's tree came from. */
export type ImageSourceKind = 'wim' | 'disk' | 'folder';

/** One image to inspect: a WIM image (by index), a disk's Windows partition, or a folder. */
export interface ImageRef {
  /** How the image is named in output and evidence: `install.wim:2`, `clone1.qcow2 partition 2`, `tree/`. */
  label: string;
  kind: ImageSourceKind;
  /** The file or folder given. */
  path: string;
  /** WIM image index. */
  index?: number;
  /** Disk partition number (1-based, in table order). */
  partition?: number;
}

/** A value read from the registry, with where it came from. */
export interface Sourced<T> {
  value: T;
  /** `SYSTEM\ControlSet001\Control\ComputerName\ComputerName\ComputerName`. */
  source: string;
}

/**
 * Identity in use, or not: `specialized` (the image has booted through setup and carries its
 * identity), `generalized` (sysprep ran: setup is pending, the SID and computer name are made
 * anew on first boot, so none is in use).
 */
export type ImageState = 'specialized' | 'generalized';

/** A local account of the SAM. */
export interface LocalAccount {
  name: string;
  rid: number;
  /** Machine SID + RID. */
  sid?: string;
  source: string;
}

/** A NIC class entry (`Control\Class\{4D36E972-…}\000N`). */
export interface NicEntry {
  /** `0007`. */
  instance: string;
  description?: string;
  matchingDeviceId?: string;
  netCfgInstanceId?: string;
  /** The `NetworkAddress` override as written (12 hex digits), when set. */
  networkAddress?: string;
  /** The override as a MAC (`52:54:00:12:34:56`), when it is 12 hex digits. */
  overrideMac?: string;
  source: string;
}

/** A `MountedDevices` entry for a drive letter or volume. */
export interface MountedDevice {
  /** `\DosDevices\C:` or `\??\Volume{…}`. */
  name: string;
  /** MBR: the disk signature (8 hex digits) and the partition's byte offset. */
  mbr?: { signature: string; offsetBytes: number };
  /** GPT: the partition GUID (`DMIO:ID:` + GUID). */
  gptPartitionGuid?: string;
  /** Anything else, as hex. */
  raw?: string;
  source: string;
}

/** A service (driver) of the current control set. */
export interface ServiceEntry {
  name: string;
  /** 0 boot, 1 system, 2 auto, 3 demand, 4 disabled. */
  start?: number;
  type?: number;
  group?: string;
  imagePath?: string;
  source: string;
}

/** One hardware or compatible ID the image has a driver for, and how it knows. */
export interface DriverMatch {
  /** As the registry writes it: `pci#ven_8086&dev_7010`, `PCI\VEN_8086&DEV_7010`, `PCI\CC_0101`. */
  id: string;
  /** Parsed: vendor and device, or a class code, lower-case hex. */
  vendor?: string;
  device?: string;
  classCode?: string;
  /** The service (driver) it starts, when the registry says. */
  service?: string;
  /** The INF file, on NT 6.2+ (DriverDatabase). */
  inf?: string;
  /** Registry keys that say so, in the order they were followed. */
  evidence: string[];
  /** `critical-device-database` (NT 5.x–6.1) or `driver-database` (NT 6.2+). */
  database: 'critical-device-database' | 'driver-database';
}

/** Everything read from one image. */
export interface ImageInspection {
  image: ImageRef;
  /** The system root as found: `\WINDOWS`, `\Windows`, `\WINNT`. */
  systemRoot: string;
  /** Hive files read, with sizes. */
  hives: { name: string; path: string; bytes: number }[];
  product: { name?: string; version?: string; build?: string; edition?: string; source: string };
  /** `5.1`, `6.1`, `10.0`: CurrentMajorVersionNumber.CurrentMinorVersionNumber or CurrentVersion. */
  ntVersion?: string;
  /** `ControlSet001`. */
  controlSet: Sourced<string>;
  state: ImageState;
  /** Registry values that decided the state. */
  stateEvidence: string[];
  computerName?: Sourced<string>;
  /** `Tcpip\Parameters` Hostname, which libguestfs reads. */
  hostname?: Sourced<string>;
  machineSid?: Sourced<string>;
  /** The SID in SECURITY `Policy\PolAcDmS`, when that hive holds one. */
  policySid?: Sourced<string>;
  /** Set when the SAM and SECURITY SIDs differ (a half-done SID change). */
  sidMismatch?: string;
  accounts: LocalAccount[];
  /** `ProfileList` SIDs and their profile folders. */
  profiles: { sid: string; path?: string; source: string }[];
  nics: NicEntry[];
  mountedDevices: MountedDevice[];
  /** The disk the image came from (disk images only): its MBR signature or GPT disk GUID. */
  disk?: { table: 'mbr' | 'gpt'; signature?: string; diskGuid?: string; sectorSize: number; partitionOffset: number; partitionGuid?: string };
  /** Services whose Start is 0 (boot) or whose group is a boot-critical one, and every service any driver match names. */
  services: ServiceEntry[];
  /** Every PCI ID (hardware or class) the image has a driver for. */
  drivers: DriverMatch[];
  /** Things read that look wrong but do not stop the inspection. */
  warnings: string[];
  /** Milliseconds the inspection of this image took. */
  inspectMs: number;
}
