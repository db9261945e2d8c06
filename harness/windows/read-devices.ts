import { decodeGuid } from '../disks/partition-types.js';
import { NET_CLASS_GUID } from './hive-keys.js';
import { describeKey, findKey, keepDefined, readString } from './registry-lookup.js';
import type { RegKey } from './registry-types.js';
import type { MountedDevice, NicEntry } from './types.js';

/** The NIC class entries (`Control\Class\{4D36E972-…}\000N`) with their `NetworkAddress` overrides. */
export function readNics(controlSet: RegKey): NicEntry[] {
  const classKey = findKey(controlSet, `Control\\Class\\${NET_CLASS_GUID}`);
  return [...(classKey?.subkeys.values() ?? [])]
    .filter((key) => /^\d{4}$/.test(key.name))
    .map((key) => {
      const networkAddress = readString(key, 'NetworkAddress');
      const overrideMac = networkAddress !== undefined && /^[0-9a-f]{12}$/i.test(networkAddress.trim())
        ? networkAddress.trim().toLowerCase().match(/../g)!.join(':') : undefined;
      const entry: NicEntry = {
        instance: key.name, source: describeKey('SYSTEM', key),
        ...keepDefined({
          description: readString(key, 'DriverDesc'), matchingDeviceId: readString(key, 'MatchingDeviceId'),
          netCfgInstanceId: readString(key, 'NetCfgInstanceId'), networkAddress, overrideMac,
        }),
      };
      return entry;
    });
}

/**
 * `MountedDevices`: each drive letter's or volume's binary value. 12 bytes: the MBR disk
 * signature (as at MBR offset 0x1B8) and the partition's byte offset (u64); `DMIO:ID:` + 16
 * bytes: a GPT partition GUID (libguestfs inspect_fs_windows.ml reads them the same way).
 */
export function readMountedDevices(system: RegKey): MountedDevice[] {
  const key = findKey(system, 'MountedDevices');
  return [...(key?.values.values() ?? [])].map((value) => {
    const source = `SYSTEM\\MountedDevices [${value.name}]`;
    const bytes = value.type === 'binary' || value.type === 'none' || value.type === 'other' ? value.value : undefined;
    if (bytes?.length === 12) return { name: value.name, mbr: { signature: formatDiskSignature(bytes.readUInt32LE(0)), offsetBytes: Number(bytes.readBigUInt64LE(4)) }, source };
    if (bytes && bytes.length === 24 && bytes.toString('latin1', 0, 8) === 'DMIO:ID:') return { name: value.name, gptPartitionGuid: decodeGuid(bytes.subarray(8)), source };
    return { name: value.name, raw: bytes ? bytes.subarray(0, 64).toString('hex') : String(value.value), source };
  });
}

/** An MBR disk signature as Windows shows it: the little-endian u32 at 0x1B8, 8 hex digits. */
export function formatDiskSignature(value: number): string {
  return value.toString(16).padStart(8, '0');
}
