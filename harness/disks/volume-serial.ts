import { randomBytes } from 'node:crypto';
import { invalidInput } from '../errors/errors.js';
import { seedGlibcRandom } from './glibc-random.js';
import { serialPolicies, type Filesystem, type SerialPolicy } from './types.js';

// The serial of a fresh volume is always chosen here and set explicitly (mkfs.fat -i, ntfslabel
// --new-serial): left to the tools, two mkntfs runs in one second write the same 8 bytes
// (measured: two parallel runs, both 07667526A528FB41), because mkntfs seeds random() with the
// clock's second.

/** Seconds from 1601-01-01 (NTFS time zero) to 1970-01-01. */
const NTFS_EPOCH_OFFSET = 11644473600;

/** Hex digits of a volume serial: NTFS has 64 bits, FAT 32. */
export function serialDigits(filesystem: Filesystem): 8 | 16 {
  return filesystem === 'ntfs' ? 16 : 8;
}

/** Checks a serial policy name. */
export function parseSerialPolicy(value: string | undefined): SerialPolicy | undefined {
  if (value === undefined) return undefined;
  if (!serialPolicies.includes(value as SerialPolicy)) throw invalidInput('volume serial', serialPolicies.map((name) => `"${name}"`).join(' or '), value);
  return value as SerialPolicy;
}

/**
 * Chooses the serial of a volume about to be formatted, as upper-case hex (16 digits NTFS, 8 FAT).
 * @example chooseVolumeSerial('ntfs', 'clock', Date.parse('2024-01-01T00:00:00Z'))
 */
export function chooseVolumeSerial(filesystem: Filesystem, policy: SerialPolicy = 'random', clockMs = Date.now()): string {
  return policy === 'clock' ? clockVolumeSerial(filesystem, clockMs) : randomVolumeSerial(filesystem);
}

/** Random bits from node:crypto; never all zeros (ntfslabel takes 0 as "pick one yourself"). */
export function randomVolumeSerial(filesystem: Filesystem): string {
  for (;;) {
    const serial = randomBytes(serialDigits(filesystem) / 2).toString('hex').toUpperCase();
    if (!/^0+$/.test(serial)) return serial;
  }
}

/**
 * The serial a formatter that seeds from the clock writes at that second, so volumes formatted in
 * one second share it. NTFS: exactly what mkntfs writes (`srandom(seconds since 1601)`, serial =
 * `random() << 32 | random()`; checked against mkntfs 2022.10.3). FAT: the second itself, as
 * mkfs.fat writes when SOURCE_DATE_EPOCH is set (dosfstools after 4.2; 4.2 mixes in microseconds).
 */
export function clockVolumeSerial(filesystem: Filesystem, clockMs: number): string {
  const second = Math.floor(clockMs / 1000);
  if (filesystem !== 'ntfs') return (second >>> 0).toString(16).toUpperCase().padStart(8, '0');
  const next = seedGlibcRandom((second + NTFS_EPOCH_OFFSET) % 2 ** 32);
  const high = next();
  const low = next();
  return `${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}`.toUpperCase();
}
