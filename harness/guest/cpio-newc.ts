// A writer for the `newc` cpio format the Linux initramfs unpacker reads. Written here so
// that device nodes and symlinks can go into the loader without root and without cpio(1).

/** One member of a cpio archive. */
export type CpioEntry =
  | { kind: 'dir'; name: string; mode?: number }
  | { kind: 'file'; name: string; data: Uint8Array; mode?: number }
  | { kind: 'symlink'; name: string; target: string }
  | { kind: 'char'; name: string; major: number; minor: number; mode?: number };

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFCHR = 0o020000;

/** Serializes entries into one newc archive, with its TRAILER!!! and 4-byte padding. */
export function writeNewc(entries: readonly CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let inode = 1000;
  for (const entry of [...entries, { kind: 'file', name: 'TRAILER!!!', data: new Uint8Array(0), mode: 0 } as const]) {
    const { mode, data, rdev } = describeEntry(entry);
    const name = Buffer.from(`${entry.name.replace(/^\/+/, '')}\0`);
    const fields = [
      0x070701, entry.name === 'TRAILER!!!' ? 0 : inode++, mode, 0, 0, 1, 0, data.length,
      0, 0, rdev.major, rdev.minor, name.length, 0,
    ];
    const header = `${fields[0]?.toString(16).padStart(6, '0')}${fields.slice(1).map((field) => field.toString(16).padStart(8, '0')).join('')}`;
    parts.push(Buffer.from(header, 'ascii'), name, pad(110 + name.length), Buffer.from(data), pad(data.length));
  }
  return Buffer.concat(parts);
}

function describeEntry(entry: CpioEntry): { mode: number; data: Uint8Array; rdev: { major: number; minor: number } } {
  const none = { major: 0, minor: 0 };
  switch (entry.kind) {
    case 'dir':
      return { mode: S_IFDIR | (entry.mode ?? 0o755), data: new Uint8Array(0), rdev: none };
    case 'file':
      return { mode: S_IFREG | (entry.mode ?? 0o644), data: entry.data, rdev: none };
    case 'symlink':
      return { mode: S_IFLNK | 0o777, data: Buffer.from(entry.target), rdev: none };
    case 'char':
      return { mode: S_IFCHR | (entry.mode ?? 0o600), data: new Uint8Array(0), rdev: { major: entry.major, minor: entry.minor } };
  }
}

function pad(length: number): Buffer {
  return Buffer.alloc((4 - (length % 4)) % 4);
}
