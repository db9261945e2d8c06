import test from 'ava';
import { UsageError } from '../../../harness/errors/errors.js';
import { parseGeometry } from '../../../harness/disks/index.js';

test('defaults: MBR, 512-byte sectors, start 2048, label CLONELAB, a valid FAT32 cluster', (t) => {
  const geometry = parseGeometry({ size: '256M', filesystem: 'fat32' });
  t.deepEqual(geometry, { sizeBytes: 256 * 1024 ** 2, table: 'mbr', partitionStart: 2048, sectorSize: 512, filesystem: 'fat32', clusterSize: 512, label: 'CLONELAB' });
});

test('4096-byte sectors default to start 256 (the same 1 MiB)', (t) => {
  const geometry = parseGeometry({ size: '64M', filesystem: 'ntfs', sectorSize: '4096', table: 'gpt' });
  t.is(geometry.partitionStart, 256);
  t.is(geometry.clusterSize, 4096);
});

const errors: Array<[string, Parameters<typeof parseGeometry>[0], RegExp]> = [
  ['unknown filesystem', { size: '64M', filesystem: 'btrfs' }, /Invalid filesystem: expected "fat16", "fat32", "ntfs", "ext4", got "btrfs"/],
  ['ext4 label over 16 bytes', { size: '64M', filesystem: 'ext4', label: 'a-label-of-17-byt' }, /Invalid label: expected at most 16 bytes/],
  ['ext4 block size', { size: '64M', filesystem: 'ext4', clusterSize: 8192 }, /Invalid cluster size: expected an ext4 block size of 1024, 2048 or 4096/],
  ['missing filesystem', { size: '64M' }, /Invalid filesystem/],
  ['unknown table', { size: '64M', filesystem: 'fat32', table: 'apm' }, /Invalid partition table: expected "mbr" or "gpt", got "apm"/],
  ['sector size', { size: '64M', filesystem: 'fat32', sectorSize: 1024 }, /Invalid sector size: expected 512 or 4096/],
  ['unparsable size', { size: 'big', filesystem: 'fat32' }, /Invalid disk size: expected a size such as 256M/],
  ['size not a sector multiple', { size: 1000000, filesystem: 'fat16', sectorSize: 4096 }, /multiple of the sector size 4096/],
  ['start inside the GPT', { size: '64M', filesystem: 'fat32', table: 'gpt', partitionStart: 2 }, /Invalid partition start: expected at least sector 34 \(the GPT/],
  ['start inside the 4K GPT', { size: '64M', filesystem: 'fat16', table: 'gpt', sectorSize: 4096, partitionStart: 5 }, /at least sector 6/],
  ['partition does not fit', { size: '64M', filesystem: 'fat32', partitionStart: 200000 }, /Invalid partition start: expected a sector before 131071 so the partition fits/],
  ['FAT16 over its size limit', { size: '5G', filesystem: 'fat16' }, /FAT16 over its size limit/],
  ['FAT16 over its limit with a given cluster', { size: '1G', filesystem: 'fat16', clusterSize: '4K' }, /FAT16 over its size limit/],
  ['FAT16 too small', { size: '2M', filesystem: 'fat16', partitionStart: 1 }, /FAT16 too small/],
  ['FAT32 too small for its cluster count', { size: '64M', filesystem: 'fat32', clusterSize: '4K' }, /FAT32 too small for its cluster count/],
  ['FAT32 on 4K sectors under 256 MiB', { size: '256M', filesystem: 'fat32', sectorSize: 4096 }, /FAT32 too small for its cluster count/],
  ['cluster not a power of two', { size: '64M', filesystem: 'ntfs', clusterSize: 3000 }, /Invalid cluster size: expected a power of two/],
  ['cluster below the sector size', { size: '64M', filesystem: 'ntfs', sectorSize: 4096, clusterSize: 512 }, /from the sector size 4096/],
  ['NTFS too small', { size: '4M', filesystem: 'ntfs' }, /at least 8388608 bytes for NTFS/],
  ['FAT label too long', { size: '64M', filesystem: 'fat32', label: 'TWELVE_CHARS' }, /Invalid label: expected at most 11 characters/],
  ['FAT label lower case', { size: '64M', filesystem: 'fat32', label: 'boot' }, /Invalid label/],
  ['MBR over 2^32 sectors', { sizeBytes: 2 ** 32 * 512 + 2048 * 512 + 512 * 8, filesystem: 'ntfs' }, /at most 2\^32 sectors/],
];

for (const [name, input, message] of errors) {
  test(`refuses: ${name}`, (t) => {
    const error = t.throws(() => parseGeometry(input), { instanceOf: UsageError });
    t.regex(error.message, message);
  });
}
