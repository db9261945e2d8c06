// The keys `clonelab inspect` reads from each hive (key-patterns.ts syntax). Everything else of
// a hive is passed over while hivexml streams. Where Windows keeps what:
// ../shared/notes/real-guests-facts.md, "Windows registry hives without Windows".

/** The class GUID of network adapters. */
export const NET_CLASS_GUID = '{4D36E972-E325-11CE-BFC1-08002BE10318}';

/** Keys read from each hive, by hive file name. */
export const HIVE_KEYS: Record<'SYSTEM' | 'SOFTWARE' | 'SAM' | 'SECURITY', readonly string[]> = {
  SYSTEM: [
    'Select',
    'Setup',
    'Setup\\Status\\SysprepStatus',
    'MountedDevices',
    'ControlSet*\\Control\\ComputerName\\ComputerName',
    'ControlSet*\\Services\\*',
    'ControlSet*\\Services\\Tcpip\\Parameters',
    `ControlSet*\\Control\\Class\\${NET_CLASS_GUID}\\*`,
    'ControlSet*\\Control\\CriticalDeviceDatabase\\*',
    // NT 6.2+: which INF serves which hardware ID, and which service an INF's package installs.
    'DriverDatabase\\DeviceIds\\PCI\\*',
    'DriverDatabase\\DriverInfFiles\\*',
    'DriverDatabase\\DriverPackages\\*\\Descriptors\\PCI\\*',
    'DriverDatabase\\DriverPackages\\*\\Configurations\\*',
  ],
  SOFTWARE: [
    'Microsoft\\Windows NT\\CurrentVersion',
    'Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\*',
  ],
  SAM: [
    'SAM\\Domains\\Account',
    'SAM\\Domains\\Account\\Users\\*',
    'SAM\\Domains\\Account\\Users\\Names\\*',
  ],
  SECURITY: [
    'Policy\\PolAcDmS',
  ],
};

/** The hive files read, in order; SYSTEM is required, the others are read when present. */
export const HIVE_NAMES = ['SYSTEM', 'SOFTWARE', 'SAM', 'SECURITY'] as const;

/** One hive file name. */
export type HiveName = (typeof HIVE_NAMES)[number];
