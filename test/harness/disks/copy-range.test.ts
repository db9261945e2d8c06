import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { buildConvertArgs, copyRange } from '../../../harness/disks/copy-range.js';

const MiB = 1024 * 1024;

function folder(t: { teardown: (fn: () => void) => void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'clonelab copy,range-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A 4 MiB "disk": 1 MiB of 0xaa, a 1 MiB hole, 1 MiB of 0x55, 1 MiB hole. */
function source(dir: string): string {
  const file = path.join(dir, 'source.img');
  const data = Buffer.alloc(4 * MiB);
  data.fill(0xaa, 0, MiB);
  data.fill(0x55, 2 * MiB, 3 * MiB);
  writeFileSync(file, data);
  return file;
}

test('a sector-aligned range lands byte for byte at the target offset, zeros included, and the target stays sparse', async (t) => {
  const dir = folder(t);
  const from = source(dir);
  const to = path.join(dir, 'target.img');
  writeFileSync(to, Buffer.alloc(6 * MiB, 0xff)); // a used target: the source's zeros must overwrite it
  await copyRange({ from, fromOffset: 512, to, toOffset: MiB, length: 4 * MiB - 512 });
  const expected = Buffer.alloc(6 * MiB, 0xff);
  readFileSync(from).copy(expected, MiB, 512);
  t.true(readFileSync(to).equals(expected));
  t.true(statSync(to).blocks * 512 < 6 * MiB, 'the zero ranges are holes now');
});

test('a fresh target gets only the data (skipZeros); an odd range falls back to dd', async (t) => {
  const dir = folder(t);
  const from = source(dir);
  const fresh = path.join(dir, 'fresh.img');
  writeFileSync(fresh, '');
  truncateSync(fresh, 4 * MiB);
  await copyRange({ from, fromOffset: 0, to: fresh, toOffset: 0, length: 4 * MiB, skipZeros: true });
  t.true(readFileSync(fresh).equals(readFileSync(from)));
  t.true(statSync(fresh).blocks * 512 <= 2 * MiB + 64 * 1024, `only the 2 MiB of data are allocated (${statSync(fresh).blocks * 512})`);
  const odd = path.join(dir, 'odd.img');
  writeFileSync(odd, Buffer.alloc(100));
  await copyRange({ from, fromOffset: 3, to: odd, toOffset: 7, length: 1000 });
  t.true(readFileSync(odd).subarray(7, 1007).equals(readFileSync(from).subarray(3, 1003)));
});

test('qemu-img options: raw windows on both ends, commas in paths doubled, the source unlocked', (t) => {
  t.deepEqual(buildConvertArgs({ from: '/a,b.img', fromOffset: 1024, to: '/c.img', toOffset: 2048, length: 4096, skipZeros: true }), [
    'convert', '-n', '--target-is-zero',
    '--image-opts', 'driver=raw,offset=1024,size=4096,file.driver=file,file.locking=off,file.filename=/a,,b.img',
    '--target-image-opts', 'driver=raw,offset=2048,size=4096,file.driver=file,file.filename=/c.img',
  ]);
});
