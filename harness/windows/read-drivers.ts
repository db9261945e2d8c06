import { describeKey, findKey, keepDefined, readDword, readString, readStrings } from './registry-lookup.js';
import type { RegKey } from './registry-types.js';
import type { DriverMatch, ServiceEntry } from './types.js';

// Which driver an image starts for which PCI ID. NT 5.x–6.1: the CriticalDeviceDatabase maps
// boot-critical hardware IDs straight to a service (the keys virt-v2v writes against STOP 0x7B).
// NT 6.2+: DriverDatabase\DeviceIds maps every hardware ID of the driver store to its INF
// files; the INF's active package names, per device, a configuration and its service. The
// NT 6.2+ chain is believed (documented by third parties), not verified on a real Windows here.

/** Every service of the control set, by lower-case name. */
export function readServices(controlSet: RegKey): Map<string, ServiceEntry> {
  const services = new Map<string, ServiceEntry>();
  for (const key of findKey(controlSet, 'Services')?.subkeys.values() ?? []) {
    const entry: ServiceEntry = {
      name: key.name, source: describeKey('SYSTEM', key),
      ...keepDefined({ start: readDword(key, 'Start'), type: readDword(key, 'Type'), group: readString(key, 'Group'), imagePath: readString(key, 'ImagePath') }),
    };
    services.set(key.name.toLowerCase(), entry);
  }
  return services;
}

/** Parses a PCI hardware or compatible ID (`pci#ven_8086&dev_7010`, `VEN_8086&DEV_7010&SUBSYS_…`, `CC_0101`). */
export function parsePciId(id: string): Pick<DriverMatch, 'vendor' | 'device' | 'classCode'> | undefined {
  const body = id.replace(/^pci[#\\]/i, '');
  const vendor = /(?:^|&)ven_([0-9a-f]{4})(?:&|$)/i.exec(body)?.[1];
  const device = /(?:^|&)dev_([0-9a-f]{4})(?:&|$)/i.exec(body)?.[1];
  if (vendor && device) return { vendor: vendor.toLowerCase(), device: device.toLowerCase() };
  const classCode = /^cc_([0-9a-f]{4}(?:[0-9a-f]{2})?)$/i.exec(body)?.[1];
  return classCode ? { classCode: classCode.toLowerCase() } : undefined;
}

/** The PCI entries of the CriticalDeviceDatabase (`pci#…` keys with their `Service`). */
export function readCriticalDevices(controlSet: RegKey): DriverMatch[] {
  const cddb = findKey(controlSet, 'Control\\CriticalDeviceDatabase');
  return [...(cddb?.subkeys.values() ?? [])].flatMap((key): DriverMatch[] => {
    if (!/^pci#/i.test(key.name)) return [];
    const parsed = parsePciId(key.name);
    if (!parsed) return [];
    const service = readString(key, 'Service');
    return [{ id: key.name, ...parsed, ...(service ? { service } : {}), evidence: [describeKey('SYSTEM', key)], database: 'critical-device-database' }];
  });
}

/**
 * The PCI entries of `DriverDatabase\DeviceIds`, each followed to its service where the hive
 * says: `DeviceIds\PCI\<id>` (value names: INF files) → `DriverInfFiles\<inf>` `Active` (the
 * package) → `DriverPackages\<package>\Descriptors\PCI\<id>` `Configuration` →
 * `DriverPackages\<package>\Configurations\<configuration>` `Service`.
 */
export function readDriverDatabase(system: RegKey): DriverMatch[] {
  const database = findKey(system, 'DriverDatabase');
  const deviceIds = findKey(database, 'DeviceIds\\PCI');
  return [...(deviceIds?.subkeys.values() ?? [])].flatMap((key): DriverMatch[] => {
    const parsed = parsePciId(key.name);
    if (!parsed) return [];
    const id = `PCI\\${key.name}`;
    const infs = [...key.values.values()].map((value) => value.name).filter((name) => /\.inf$/i.test(name));
    if (infs.length === 0) return [{ id, ...parsed, evidence: [`${describeKey('SYSTEM', key)} (no INF named)`], database: 'driver-database' }];
    return infs.map((inf) => ({ id, ...parsed, inf, ...followInf(database, key, inf), database: 'driver-database' as const }));
  });
}

function followInf(database: RegKey | undefined, deviceKey: RegKey, inf: string): { service?: string; evidence: string[] } {
  const evidence = [`${describeKey('SYSTEM', deviceKey)}\\${inf}`];
  const infKey = findKey(database, `DriverInfFiles\\${inf}`);
  const active = readString(infKey, 'Active') ?? readStrings(infKey, '')?.[0];
  if (!infKey || !active) return { evidence: [...evidence, `SYSTEM\\DriverDatabase\\DriverInfFiles\\${inf}: no active package`] };
  evidence.push(`${describeKey('SYSTEM', infKey)}\\Active = ${active}`);
  const packageKey = findKey(database, `DriverPackages\\${active}`);
  const descriptor = findKey(packageKey, `Descriptors\\PCI\\${deviceKey.name}`);
  const configuration = readString(descriptor, 'Configuration');
  if (!descriptor || !configuration) return { evidence: [...evidence, `SYSTEM\\DriverDatabase\\DriverPackages\\${active}\\Descriptors\\PCI\\${deviceKey.name}: no configuration`] };
  evidence.push(`${describeKey('SYSTEM', descriptor)}\\Configuration = ${configuration}`);
  const configKey = findKey(packageKey, `Configurations\\${configuration}`);
  const service = readString(configKey, 'Service');
  if (!configKey || !service) return { evidence: [...evidence, `SYSTEM\\DriverDatabase\\DriverPackages\\${active}\\Configurations\\${configuration}: no service`] };
  evidence.push(`${describeKey('SYSTEM', configKey)}\\Service = ${service}`);
  return { service, evidence };
}
