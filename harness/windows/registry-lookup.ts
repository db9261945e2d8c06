import type { RegKey, RegValue } from './registry-types.js';

/** The key at `path` (`\`-separated, case-insensitive) below `from`, or undefined. */
export function findKey(from: RegKey | undefined, path: string): RegKey | undefined {
  let key = from;
  for (const part of path.split('\\').filter((segment) => segment !== '')) key = key?.subkeys.get(part.toLowerCase());
  return key;
}

/** A value of a key by name (`''`: the default value), case-insensitive. */
export function findValue(key: RegKey | undefined, name: string): RegValue | undefined {
  return key?.values.get(name.toLowerCase());
}

/** A string value (REG_SZ, REG_EXPAND_SZ), or undefined when absent or of another type. */
export function readString(key: RegKey | undefined, name: string): string | undefined {
  const value = findValue(key, name);
  return value?.type === 'string' || value?.type === 'expand' ? value.value : undefined;
}

/** A REG_DWORD value, or undefined. */
export function readDword(key: RegKey | undefined, name: string): number | undefined {
  const value = findValue(key, name);
  return value?.type === 'dword' ? value.value : undefined;
}

/** A value's bytes (REG_BINARY and other raw types), or undefined. */
export function readBytes(key: RegKey | undefined, name: string): Buffer | undefined {
  const value = findValue(key, name);
  return value?.type === 'binary' || value?.type === 'none' || value?.type === 'other' ? value.value : undefined;
}

/** A REG_MULTI_SZ value, or a REG_SZ as a one-entry list, or undefined. */
export function readStrings(key: RegKey | undefined, name: string): string[] | undefined {
  const value = findValue(key, name);
  if (value?.type === 'multi') return value.value;
  if (value?.type === 'string' || value?.type === 'expand') return [value.value];
  return undefined;
}

/** The registry path of a key for evidence: `SYSTEM\ControlSet001\Services\atapi`. */
export function describeKey(hive: string, key: RegKey | string): string {
  const path = typeof key === 'string' ? key : key.path;
  return path === '' ? hive : `${hive}\\${path}`;
}

/** The fields of `values` that are defined: a registry value that is absent stays absent from a record, not `undefined` in it. */
export function keepDefined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
