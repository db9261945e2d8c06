import test from 'ava';
import { countDirectoryEntries, findFatLosses, foldName, leftOut, type TreeEntry } from '../../../harness/imaging/fat-names.js';

const file = (path: string, size = 1): TreeEntry => ({ path, isDir: false, size });
const dir = (path: string): TreeEntry => ({ path, isDir: true, size: 0 });

test('the issue\'s tree: both case twins and the name with a colon, each with its reason', (t) => {
  const losses = findFatLosses([dir('/'), dir('/Docs'), file('/Docs/CaseName.TXT'), file('/Docs/casename.txt'), file('/Docs/x:y.txt'), file('/Docs/ok.txt')], { filesystem: 'fat16' });
  t.deepEqual(losses.map((loss) => [loss.path, loss.reason, loss.written]), [
    ['/Docs/CaseName.TXT', 'case-collision', true],
    ['/Docs/casename.txt', 'case-collision', false],
    ['/Docs/x:y.txt', 'forbidden-character', false],
  ]);
  t.regex(losses[2]!.detail, /contains ":"/);
  t.regex(losses[1]!.detail, /keeps "CaseName\.TXT"/);
});

test('a clean tree has no losses; the same names in different folders do not collide', (t) => {
  t.deepEqual(findFatLosses([dir('/a'), dir('/A2'), file('/a/x.txt'), file('/A2/X.TXT'), file('/Long File Name.cfg'), file('/a/Ünïcode näme.txt')], { filesystem: 'fat32' }), []);
});

test('every forbidden character and control characters are named', (t) => {
  for (const char of ['"', '*', ':', '<', '>', '?', '\\', '|', '\u0001', '\u001f']) {
    t.like(findFatLosses([file(`/a${char}b`)], { filesystem: 'fat32' })[0], { reason: 'forbidden-character', detail: `contains ${JSON.stringify(char)}; FAT names cannot hold "*/:<>?\\| or control characters` }, JSON.stringify(char));
  }
  t.deepEqual(findFatLosses([file('/a\u007fb'), file('/a+b,c;d=e[f]g')], { filesystem: 'fat32' }), [], 'DEL and the long-name-only characters are allowed');
});

test('trailing dots and spaces; a name equal to another once they are stripped', (t) => {
  t.deepEqual(findFatLosses([file('/name.'), file('/name '), file('/name'), file('/.hidden')], { filesystem: 'fat32' }).map((loss) => [loss.path, loss.reason]), [
    ['/name ', 'trailing-dot-or-space'],
    ['/name.', 'trailing-dot-or-space'],
  ]);
  t.is(foldName('Straße.'), 'STRAßE', 'trailing dot stripped; ß has no one-character upper case and stays');
});

test('limits: 255-unit names, 256-unit paths, files of 4 GiB', (t) => {
  const long = 'n'.repeat(256);
  const deep = `/${'d'.repeat(200)}/${'e'.repeat(56)}`; // 257 units below the root
  const losses = findFatLosses([file(`/${long}`), file(`/${'m'.repeat(255)}`), dir(`/${'d'.repeat(200)}`), file(deep), file('/big.bin', 2 ** 32), file('/max.bin', 2 ** 32 - 1)], { filesystem: 'fat32' });
  t.deepEqual(losses.map((loss) => [loss.path.slice(0, 12), loss.reason]), [
    ['/big.bin', 'file-too-large'],
    [deep.slice(0, 12), 'path-too-long'],
    [`/${long}`.slice(0, 12), 'name-too-long'],
  ]);
  t.regex(losses[0]!.detail, /4294967296 bytes; a FAT file holds at most 4294967295/);
  t.regex(losses[1]!.detail, /path of 257 UTF-16 units/);
});

test('the fixed FAT16 root holds 511 entries besides the label; FAT32 has room', (t) => {
  const names = Array.from({ length: 512 }, (_, index) => file(`/F${String(index).padStart(4, '0')}`));
  const fat16 = findFatLosses(names, { filesystem: 'fat16' });
  t.deepEqual(fat16.map((loss) => [loss.path, loss.reason]), [['/F0511', 'directory-full']]);
  t.regex(fat16[0]!.detail, /holds at most 511 on fat16 \(the fixed FAT16 root; one is the volume label\) and the names before it take 511/);
  t.deepEqual(findFatLosses(names, { filesystem: 'fat32' }), []);
  // Long names take one entry per 13 characters plus the 8.3 entry.
  t.is(countDirectoryEntries('F0001'), 1);
  t.is(countDirectoryEntries('ok.txt'), 1);
  t.is(countDirectoryEntries('Mixed.txt'), 2);
  t.is(countDirectoryEntries('Long File Name.cfg'), 3);
  t.is(findFatLosses(Array.from({ length: 200 }, (_, index) => file(`/Long File Name ${index}.cfg`)), { filesystem: 'fat16' }).length, 200 - Math.floor(511 / 3));
});

test('a left-out folder takes what is under it, and what is under it is not listed again', (t) => {
  const losses = findFatLosses([dir('/Data'), dir('/data'), file('/data/a:b'), file('/data/c.txt'), dir('/data/sub'), file('/data/sub/d')], { filesystem: 'fat32' });
  t.deepEqual(losses.map((loss) => [loss.path, loss.written]), [['/Data', true], ['/data', false]]);
  t.regex(losses[1]!.detail, /left out with the 4 entries under it/);
  t.deepEqual(leftOut(losses), ['/data']);
});
