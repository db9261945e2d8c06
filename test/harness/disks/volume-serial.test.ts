// Volume serials of fresh volumes: every volume its own (read back from the boot sectors, not
// from the lab's record), and the `clock` policy colliding the way clock-seeded formatters do.
import test from 'ava';
import { execa } from 'execa';
import { open, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../../harness/errors/errors.js';
import { clockVolumeSerial, createDisk, extractPartitionFile, parseGeometry, type Filesystem } from '../../../harness/disks/index.js';
import { seedGlibcRandom } from '../../../harness/disks/glibc-random.js';
import { makeScratch } from './fixtures.js';

const scratch = makeScratch();
const MIB = 1024 ** 2;

/** The boot sector of the one partition (start 2048 × 512 = 1 MiB, the default) and the NTFS backup in its last sector. */
async function readBootSectors(disk: string): Promise<{ boot: Buffer; backup: Buffer }> {
  const handle = await open(disk, 'r');
  try {
    const { size } = await handle.stat();
    const boot = Buffer.alloc(512);
    const backup = Buffer.alloc(512);
    await handle.read(boot, 0, 512, MIB);
    await handle.read(backup, 0, 512, size - 512);
    return { boot, backup };
  } finally {
    await handle.close();
  }
}

/** The serial bytes as the boot sector holds them: NTFS 8 at 0x48, FAT32 4 at 0x43, FAT16 4 at 0x27; printed most significant first. */
function serialOf(boot: Buffer, filesystem: Filesystem): string {
  const [at, length] = filesystem === 'ntfs' ? [0x48, 8] : filesystem === 'fat32' ? [0x43, 4] : [0x27, 4];
  return Buffer.from(boot.subarray(at, at + length)).reverse().toString('hex').toUpperCase();
}

test('glibc random() as srandom(1) leaves it', (t) => {
  const next = seedGlibcRandom(1);
  // The first values of glibc's rand()/random() after srand(1), widely quoted.
  t.deepEqual([next(), next(), next(), next(), next()], [1804289383, 846930886, 1681692777, 1714636915, 1957747793]);
  // srandom(0) behaves as srandom(1).
  t.is(seedGlibcRandom(0)(), 1804289383);
});

test('the clock serial of NTFS is the one mkntfs itself writes at that second', async (t) => {
  const file = path.join(scratch, 'plain-mkntfs.ntfs');
  await writeFile(file, '');
  await truncate(file, 16 * MIB);
  const before = Date.now();
  await execa('mkntfs', ['-q', '-F', '-Q', file]);
  const after = Date.now();
  const handle = await open(file, 'r');
  const boot = Buffer.alloc(512);
  await handle.read(boot, 0, 512, 0);
  await handle.close();
  const written = serialOf(boot, 'ntfs');
  const candidates = [];
  for (let second = Math.floor(before / 1000); second <= Math.floor(after / 1000); second++) candidates.push(clockVolumeSerial('ntfs', second * 1000));
  t.true(candidates.includes(written), `mkntfs wrote ${written}; the clock serials of its seconds are ${candidates.join(', ')}`);
});

test('16 volumes formatted at once (8 NTFS, 8 FAT) all have distinct serials, and stay valid', async (t) => {
  const jobs = Array.from({ length: 16 }, (_, i) => ({ i, filesystem: (i < 8 ? 'ntfs' : i % 2 ? 'fat32' : 'fat16') as Filesystem }));
  const made = await Promise.all(jobs.map(async ({ i, filesystem }) => {
    const disk = path.join(scratch, `many-${i}.img`);
    const info = await createDisk(disk, parseGeometry({ size: filesystem === 'fat32' ? '48M' : '20M', filesystem, label: 'MANY' }));
    return { disk, filesystem, info };
  }));
  const serials: string[] = [];
  for (const { disk, filesystem, info } of made) {
    const { boot, backup } = await readBootSectors(disk);
    const serial = serialOf(boot, filesystem);
    t.regex(serial, filesystem === 'ntfs' ? /^[0-9A-F]{16}$/ : /^[0-9A-F]{8}$/);
    t.not(/^0+$/.test(serial), true, `${disk}: serial is zero`);
    t.is(info.serial, serial, `${disk}: the returned disk facts say the boot sector's serial`);
    t.is(info.serialPolicy, 'random');
    // ntfslabel refuses to write a backup boot sector that differs from the primary: both must match.
    if (filesystem === 'ntfs') t.true(backup.equals(boot), `${disk}: the backup boot sector equals the primary`);
    serials.push(serial);
  }
  t.is(new Set(serials).size, 16, `serials: ${serials.join(' ')}`);
  // The volumes' own checkers still find them clean.
  for (const { disk, filesystem, info } of [made[0]!, made[8]!, made[9]!]) {
    const part = `${disk}.part`;
    await extractPartitionFile(disk, info.partition, part);
    if (filesystem === 'ntfs') {
      await t.notThrowsAsync(execa('ntfsfix', ['-n', part]));
      const { stdout } = await execa('ntfslabel', [part]);
      t.is(stdout.trim(), 'MANY', 'setting the serial kept the label');
    } else {
      await t.notThrowsAsync(execa('fsck.fat', ['-n', part]));
    }
  }
});

test('serial "clock": volumes formatted in one second share a serial; the next second gives another', async (t) => {
  const clock = Date.parse('2024-05-01T12:00:00.250Z');
  const make = (filesystem: Filesystem, i: number, at: number): Promise<string> => {
    const disk = path.join(scratch, `clock-${filesystem}-${i}.img`);
    return createDisk(disk, parseGeometry({ size: '20M', filesystem, serial: 'clock' }), { formatClock: at }).then(async (info) => {
      t.is(info.serialPolicy, 'clock');
      return serialOf((await readBootSectors(disk)).boot, filesystem);
    });
  };
  const ntfs = await Promise.all([0, 1, 2].map((i) => make('ntfs', i, clock + i * 200)));
  const fat = await Promise.all([0, 1, 2].map((i) => make('fat16', i, clock + i * 200)));
  t.is(new Set(ntfs).size, 1, `NTFS serials: ${ntfs.join(' ')}`);
  t.is(new Set(fat).size, 1, `FAT serials: ${fat.join(' ')}`);
  t.is(ntfs[0], clockVolumeSerial('ntfs', clock));
  t.is(fat[0], (Date.parse('2024-05-01T12:00:00Z') / 1000).toString(16).toUpperCase());
  t.not(await make('ntfs', 3, clock + 1000), ntfs[0]);
  t.not(await make('fat16', 3, clock + 1000), fat[0]);
});

test('a serial policy other than random or clock is refused, naming what was expected', (t) => {
  const error = t.throws(() => parseGeometry({ size: '20M', filesystem: 'ntfs', serial: 'sometimes' }), { instanceOf: UsageError });
  t.is(error.message, 'Invalid volume serial: expected "random" or "clock", got "sometimes".');
});
