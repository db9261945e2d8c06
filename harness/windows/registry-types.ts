// Registry keys and values as clonelab reads them out of a hive (hivexml's XML, typed).

/** A value's data, decoded by its registry type. */
export type RegData =
  | { type: 'string' | 'expand' | 'link'; value: string }
  | { type: 'multi'; value: string[] }
  | { type: 'dword'; value: number }
  | { type: 'qword'; value: bigint }
  | { type: 'binary' | 'none' | 'other'; value: Buffer }
  /** A value longer than the reader keeps (InspectLimits.maxValueBytes): its data is not read. */
  | { type: 'oversize'; value: undefined; chars: number };

/** One registry value: its name (empty for the default value) and data. */
export type RegValue = RegData & {
  name: string;
  /** hivexml's own type word (`string`, `int32`, `binary`, `string-list`, `bad-string`, …). */
  hivexType: string;
};

/** One registry key with the values and subkeys the reader kept. */
export interface RegKey {
  name: string;
  /** Path from the hive root, `\`-separated, without a leading `\` (the root is ''). */
  path: string;
  /** Values by lower-case name. */
  values: Map<string, RegValue>;
  /** Subkeys by lower-case name. */
  subkeys: Map<string, RegKey>;
}

/** A hive read from a file: its root key and what could not be read. */
export interface Hive {
  /** `SYSTEM`, `SOFTWARE`, `SAM`, `SECURITY`. */
  name: string;
  /** Where the hive came from, for evidence: `install.wim:2 \Windows\System32\config\SYSTEM`. */
  source: string;
  root: RegKey;
  /** Size of the hive file in bytes. */
  bytes: number;
  /** Values left out for their size. */
  warnings: string[];
}
