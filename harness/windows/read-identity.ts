import { describeKey, findKey, readBytes, readDword, readString } from './registry-lookup.js';
import type { RegKey } from './registry-types.js';
import type { ImageInspection, ImageState, LocalAccount, Sourced } from './types.js';

// Identity as Windows keeps it: control set, computer name, machine SID, accounts, profiles,
// setup state. Each reader takes the root key of one hive and says where each value came from.

/** The control set in use: `Select\Current` = N → `ControlSet00N`; undefined when the hive has none. */
export function readControlSet(system: RegKey): (Sourced<string> & { key: RegKey }) | undefined {
  const current = readDword(findKey(system, 'Select'), 'Current');
  if (current !== undefined) {
    const name = `ControlSet${String(current).padStart(3, '0')}`;
    const key = findKey(system, name);
    return key ? { value: key.name, source: 'SYSTEM\\Select\\Current', key } : undefined;
  }
  const fallback = findKey(system, 'ControlSet001');
  return fallback ? { value: fallback.name, source: 'SYSTEM\\ControlSet001 (no Select\\Current)', key: fallback } : undefined;
}

/** Product name and version from `SOFTWARE\Microsoft\Windows NT\CurrentVersion`. */
export function readProduct(software: RegKey | undefined): Pick<ImageInspection, 'product' | 'ntVersion'> {
  const path = 'Microsoft\\Windows NT\\CurrentVersion';
  const key = findKey(software, path);
  const major = readDword(key, 'CurrentMajorVersionNumber');
  const minor = readDword(key, 'CurrentMinorVersionNumber');
  const legacy = readString(key, 'CurrentVersion');
  const ntVersion = major !== undefined ? `${major}.${minor ?? 0}` : legacy;
  const fields = {
    name: readString(key, 'ProductName'), version: readString(key, 'DisplayVersion') ?? readString(key, 'CSDVersion') ?? legacy,
    build: readString(key, 'CurrentBuildNumber') ?? readString(key, 'CurrentBuild'), edition: readString(key, 'EditionID'),
  };
  const product = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<typeof fields>;
  return { product: { ...product, source: `SOFTWARE\\${path}` }, ...(ntVersion !== undefined ? { ntVersion } : {}) };
}

/**
 * Whether the image's identity is in use. Sysprep /generalize leaves setup pending: NT 6+
 * writes `Setup\Status\SysprepStatus` GeneralizationState 7, NT 5.x sysprep sets
 * `Setup\MiniSetupInProgress`, and both `SystemSetupInProgress` 1 (believed, standard; not
 * verified against a real sysprep here). Such an image makes its SID and name on first boot.
 */
export function readState(system: RegKey): { state: ImageState; stateEvidence: string[] } {
  const setup = findKey(system, 'Setup');
  const evidence: string[] = [];
  const generalization = readDword(findKey(setup, 'Status\\SysprepStatus'), 'GeneralizationState');
  if (generalization === 7) evidence.push('SYSTEM\\Setup\\Status\\SysprepStatus\\GeneralizationState = 7');
  if (readDword(setup, 'MiniSetupInProgress') === 1) evidence.push('SYSTEM\\Setup\\MiniSetupInProgress = 1');
  if (readDword(setup, 'SystemSetupInProgress') === 1) evidence.push('SYSTEM\\Setup\\SystemSetupInProgress = 1');
  const cmdLine = readString(setup, 'CmdLine');
  if (evidence.length > 0 && cmdLine) evidence.push(`SYSTEM\\Setup\\CmdLine = ${cmdLine}`);
  if (evidence.length > 0) return { state: 'generalized', stateEvidence: evidence };
  return { state: 'specialized', stateEvidence: [`SYSTEM\\Setup: no setup pending (SystemSetupInProgress ${readDword(setup, 'SystemSetupInProgress') ?? 'absent'}${generalization !== undefined ? `, GeneralizationState ${generalization}` : ''})`] };
}

/** The computer name (`Control\ComputerName\ComputerName`) and the TCP/IP host name. */
export function readNames(controlSet: RegKey): Pick<ImageInspection, 'computerName' | 'hostname'> {
  const cs = controlSet.name;
  const nameKey = findKey(controlSet, 'Control\\ComputerName\\ComputerName');
  const name = readString(nameKey, 'ComputerName');
  const tcpip = findKey(controlSet, 'Services\\Tcpip\\Parameters');
  const hostname = readString(tcpip, 'Hostname');
  return {
    ...(name ? { computerName: { value: name, source: `SYSTEM\\${cs}\\Control\\ComputerName\\ComputerName\\ComputerName` } } : {}),
    ...(hostname ? { hostname: { value: hostname, source: `SYSTEM\\${cs}\\Services\\Tcpip\\Parameters\\Hostname` } } : {}),
  };
}

const MACHINE_SID_PREFIX = Buffer.from([1, 4, 0, 0, 0, 0, 0, 5, 0x15, 0, 0, 0]);

/**
 * The machine (account domain) SID: the last 24 bytes of `SAM\Domains\Account` value `V`,
 * `01 04 00 00 00 00 00 05 15 00 00 00` then a, b, c (little-endian) = S-1-5-21-a-b-c.
 */
export function readMachineSid(sam: RegKey | undefined): { sid?: Sourced<string>; warning?: string } {
  const source = 'SAM\\SAM\\Domains\\Account\\V';
  const v = readBytes(findKey(sam, 'SAM\\Domains\\Account'), 'V');
  if (!v) return {};
  const tail = v.subarray(-24);
  if (v.length < 24 || !tail.subarray(0, 12).equals(MACHINE_SID_PREFIX)) {
    return { warning: `${source} (${v.length} bytes) does not end in an S-1-5-21 SID: last bytes ${tail.toString('hex')}` };
  }
  return { sid: { value: `S-1-5-21-${tail.readUInt32LE(12)}-${tail.readUInt32LE(16)}-${tail.readUInt32LE(20)}`, source } };
}

/** The SID SECURITY keeps in `Policy\PolAcDmS` (default value: a binary SID), when present. */
export function readPolicySid(security: RegKey | undefined): { sid?: Sourced<string>; warning?: string } {
  const source = 'SECURITY\\Policy\\PolAcDmS\\(default)';
  const bytes = readBytes(findKey(security, 'Policy\\PolAcDmS'), '');
  if (!bytes || bytes.length === 0) return {};
  // The value is the SID itself (as sysprep's SID changer reads it); a longer value ends in one, as V does.
  const tail = bytes.subarray(-24);
  const sid = decodeSid(bytes) ?? (tail.length === 24 && tail.subarray(0, 12).equals(MACHINE_SID_PREFIX) ? decodeSid(tail) : undefined);
  return sid ? { sid: { value: sid, source } } : { warning: `${source} is not a SID: ${bytes.subarray(0, 32).toString('hex')}` };
}

/** Decodes a binary SID (revision, count, 48-bit authority, little-endian sub-authorities) that fills `bytes`, or undefined. */
export function decodeSid(bytes: Buffer): string | undefined {
  if (bytes.length < 8 || bytes[0] !== 1) return undefined;
  const count = bytes[1] ?? 0;
  if (bytes.length !== 8 + 4 * count) return undefined;
  const authority = bytes.readUIntBE(2, 6);
  const subs = Array.from({ length: count }, (_, index) => bytes.readUInt32LE(8 + 4 * index));
  return ['S', '1', String(authority), ...subs.map(String)].join('-');
}

/**
 * Local accounts: each `SAM\Domains\Account\Users\<RID in hex>` key; its `V` value holds the
 * user name (offset at 0x0C and length at 0x10, both relative to the 0xCC-byte header).
 */
export function readAccounts(sam: RegKey | undefined, machineSid: string | undefined): { accounts: LocalAccount[]; warnings: string[] } {
  const users = findKey(sam, 'SAM\\Domains\\Account\\Users');
  const accounts: LocalAccount[] = [];
  const warnings: string[] = [];
  const names = new Set([...(findKey(users, 'Names')?.subkeys.values() ?? [])].map((key) => key.name.toLowerCase()));
  for (const key of users?.subkeys.values() ?? []) {
    if (!/^[0-9a-f]{8}$/i.test(key.name)) continue;
    const rid = Number.parseInt(key.name, 16);
    const source = describeKey('SAM', key);
    const name = readUserName(readBytes(key, 'V'));
    if (name === undefined) {
      warnings.push(`${source}\\V holds no user name`);
      continue;
    }
    if (names.size > 0 && !names.has(name.toLowerCase())) warnings.push(`${source}: user ${name} is not listed under Users\\Names`);
    accounts.push({ name, rid, ...(machineSid ? { sid: `${machineSid}-${rid}` } : {}), source });
  }
  return { accounts: accounts.sort((a, b) => a.rid - b.rid), warnings };
}

function readUserName(v: Buffer | undefined): string | undefined {
  if (!v || v.length < 0xcc) return undefined;
  const offset = v.readUInt32LE(0x0c) + 0xcc;
  const length = v.readUInt32LE(0x10);
  if (length === 0 || length % 2 !== 0 || offset + length > v.length) return undefined;
  return v.toString('utf16le', offset, offset + length);
}

/** `ProfileList\<SID>` keys and their `ProfileImagePath`. */
export function readProfiles(software: RegKey | undefined): ImageInspection['profiles'] {
  const list = findKey(software, 'Microsoft\\Windows NT\\CurrentVersion\\ProfileList');
  return [...(list?.subkeys.values() ?? [])]
    .filter((key) => /^S-1-/i.test(key.name))
    .map((key) => {
      const path = readString(key, 'ProfileImagePath');
      return { sid: key.name, ...(path ? { path } : {}), source: describeKey('SOFTWARE', key) };
    });
}
