import { readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { UsageError } from '../../../harness/errors/errors.js';
import { compileKeyPatterns } from '../../../harness/windows/key-patterns.js';
import { DEFAULT_LIMITS } from '../../../harness/windows/limits.js';
import { HiveXmlPruner } from '../../../harness/windows/prune-hive-xml.js';
import { readHive } from '../../../harness/windows/read-hive.js';
import { findKey, findValue } from '../../../harness/windows/registry-lookup.js';
import { buildBlankHive, writeHive } from '../../fixtures/windows/build-hive.js';
import { makeScratch } from '../disks/fixtures.js';

const scratch = makeScratch();
let count = 0;
const file = (name: string): string => path.join(scratch, `${count++}-${name}`);

const EVERYTHING = ['**'];

test('the blank hive the tests write is read by hivexml: a root key and nothing else', async (t) => {
  const hive = file('blank');
  await writeFile(hive, buildBlankHive());
  const read = await readHive(hive, { name: 'SYSTEM', source: 'blank', keys: EVERYTHING });
  t.is(read.root.name, 'ROOT');
  t.is(read.root.subkeys.size, 0);
  t.is(read.root.values.size, 0);
  t.is(read.bytes, 8192);
  t.deepEqual(read.warnings, []);
});

test('values come back typed: REG_SZ from UTF-16LE, DWORD unsigned, QWORD, binary, multi-string, expand, the default value', async (t) => {
  const hive = file('values');
  await writeHive(hive, {
    keys: {
      Types: {
        values: {
          Name: 'Größe Ω', Dword: 0xffffffff, Small: 7, Qword: { qword: 0x0102030405060708n }, Bin: { binary: Buffer.from([0, 1, 0xfe, 0xff]) },
          Multi: { multi: ['one', 'two', ''] }, Path: { expand: '%SystemRoot%\\system32' }, '': 'default',
        },
      },
    },
  });
  const key = findKey((await readHive(hive, { name: 'SYSTEM', source: 'values', keys: EVERYTHING })).root, 'types');
  t.like(findValue(key, 'name'), { type: 'string', value: 'Größe Ω', hivexType: 'string' });
  t.like(findValue(key, 'DWORD'), { type: 'dword', value: 4294967295 });
  t.like(findValue(key, 'Small'), { type: 'dword', value: 7 });
  t.like(findValue(key, 'Qword'), { type: 'qword', value: 0x0102030405060708n });
  t.deepEqual(findValue(key, 'Bin')?.value, Buffer.from([0, 1, 0xfe, 0xff]));
  // The list ends in its double NUL: the empty string written last is not told from it.
  t.deepEqual(findValue(key, 'Multi')?.value, ['one', 'two']);
  t.like(findValue(key, 'Path'), { type: 'expand', value: '%SystemRoot%\\system32' });
  t.like(findValue(key, ''), { name: '', type: 'string', value: 'default' });
});

test('only the asked keys are kept: a key pattern keeps its values, the way to it is kept without values, * spans one name', async (t) => {
  const hive = file('patterns');
  await writeHive(hive, {
    values: { RootValue: 1 },
    keys: {
      ControlSet001: { values: { A: 1 }, keys: { Services: { keys: { atapi: { values: { Start: 0 }, keys: { Enum: { values: { Count: 1 } } } }, Disk: { values: { Start: 0 } } } } } },
      ControlSet002: { keys: { Services: { keys: { atapi: { values: { Start: 3 } } } } } },
      Other: { values: { B: 2 } },
    },
  });
  const root = (await readHive(hive, { name: 'SYSTEM', source: 'patterns', keys: ['ControlSet*\\Services\\*'] })).root;
  t.is(root.values.size, 0);
  t.deepEqual([...root.subkeys.keys()].sort(), ['controlset001', 'controlset002']);
  t.is(findKey(root, 'ControlSet001')?.values.size, 0);
  t.like(findValue(findKey(root, 'ControlSet001\\Services\\atapi'), 'Start'), { value: 0 });
  t.like(findValue(findKey(root, 'ControlSet002\\Services\\ATAPI'), 'start'), { value: 3 });
  t.is(findKey(root, 'ControlSet001\\Services\\atapi\\Enum'), undefined);
  t.is(findKey(root, 'Other'), undefined);
  t.is(findKey(root, 'ControlSet001\\Services\\Disk')?.path, 'ControlSet001\\Services\\Disk');
});

test('the pruner gives the same document however hivexml\'s output is cut into chunks, and drops data longer than the value limit', (t) => {
  const xml = '<?xml version="1.0" encoding="utf-8"?>\n<hive><mtime>2020-01-01T00:00:00Z</mtime><node name="ROOT" root="1"><byte_runs><byte_run file_offset="4128" len="84"/></byte_runs>'
    + '<node name="Keep &amp; Me"><value type="string" key="S" value="a&lt;b"><byte_runs><byte_run file_offset="1" len="2"/></byte_runs></value>'
    + `<value type="binary" encoding="base64" key="Big" value="${'QUFB'.repeat(50)}"><byte_runs/></value>`
    + '<value type="string-list" key="M"><string>x</string><string>y</string><byte_runs/></value>'
    + `<value type="string" key="Text">${'t'.repeat(300)}</value><value type="int32" key="D" value="-1"/></node>`
    + '<node name="Drop"><value type="int32" key="X" value="1"><byte_runs/></value><node name="Deeper"><value type="int32" key="Y" value="2"/></node></node></node></hive>';
  const run = (size: number): string => {
    const pruner = new HiveXmlPruner(compileKeyPatterns(['Keep & Me']), { maxValueChars: 100, maxKeptChars: 10_000 });
    for (let at = 0; at < xml.length; at += size) pruner.push(xml.slice(at, at + size));
    return pruner.end();
  };
  const whole = run(xml.length);
  t.false(whole.includes('byte_run'));
  t.false(whole.includes('mtime'));
  t.false(whole.includes('Drop'));
  t.true(whole.includes('<value type="binary" encoding="base64" key="Big" oversize="200"/>'));
  t.true(whole.includes('<value type="string" key="Text" oversize="300"/>'));
  t.true(whole.includes('<string>x</string><string>y</string>'));
  t.true(whole.includes('key="S" value="a&lt;b">'));
  for (const size of [1, 2, 3, 7, 64]) t.is(run(size), whole, `chunks of ${size}`);
});

test('a value longer than the limit is left out with a warning; the key and its other values are read', async (t) => {
  const hive = file('long-value');
  await writeHive(hive, { keys: { Big: { values: { Blob: { binary: Buffer.alloc(3000, 0xab) }, Other: 5 } } } });
  const read = await readHive(hive, { name: 'SYSTEM', source: 'long.hive', keys: EVERYTHING, limits: { ...DEFAULT_LIMITS, maxValueChars: 1000 } });
  // 4000 base64 characters, and the line breaks libxml2 puts in every 76.
  const blob = findValue(findKey(read.root, 'Big'), 'Blob');
  t.is(blob?.type, 'oversize');
  t.true(blob?.type === 'oversize' && blob.chars >= 4000 && blob.chars < 4200);
  t.like(findValue(findKey(read.root, 'Big'), 'Other'), { value: 5 });
  t.is(read.warnings.length, 1);
  t.regex(read.warnings[0] ?? '', /long\.hive: \\Big\\Blob has 4\d{3} characters of data, more than clonelab reads: left out/);
});

test('bad hives get errors that name the hive, what was expected and what was found', async (t) => {
  const notHive = file('not-a-hive');
  await writeFile(notHive, 'Windows Registry Editor Version 5.00\r\n');
  const error = await t.throwsAsync(readHive(notHive, { name: 'SYSTEM', source: 'img:\\Windows\\System32\\config\\SYSTEM', keys: EVERYTHING }), { instanceOf: UsageError });
  t.is(error?.message, 'Cannot read the registry hive img:\\Windows\\System32\\config\\SYSTEM: expected a registry hive starting with "regf", found "Wind".');

  const empty = file('empty');
  await writeFile(empty, '');
  await t.throwsAsync(readHive(empty, { name: 'SAM', source: 'empty', keys: EVERYTHING }), { message: /expected a registry hive starting with "regf", found an empty file/ });

  const short = file('short');
  await writeFile(short, buildBlankHive().subarray(0, 3000));
  await t.throwsAsync(readHive(short, { name: 'SAM', source: 'short', keys: EVERYTHING }), { message: /it is truncated: 3000 bytes, less than the 4096-byte base block/ });

  const cut = file('cut');
  await writeHive(cut, { keys: { A: { values: { B: 1 } } } });
  const size = (await readFile(cut)).length;
  await truncate(cut, size - 4096);
  await t.throwsAsync(readHive(cut, { name: 'SAM', source: 'cut', keys: EVERYTHING }), { message: new RegExp(`truncated: its base block says ${size - 4096} bytes of hive bins follow, the file has ${size - 8192}`) });

  const nineX = file('system.dat');
  await writeFile(nineX, Buffer.concat([Buffer.from('CREG'), Buffer.alloc(60)]));
  await t.throwsAsync(readHive(nineX, { name: 'SYSTEM', source: 'SYSTEM.DAT', keys: EVERYTHING }), { message: /SYSTEM\.DAT: it is a Windows 9x registry file \(CREG\), not an NT hive/ });

  const big = file('big');
  await writeHive(big, { keys: { A: {} } });
  await t.throwsAsync(readHive(big, { name: 'SYSTEM', source: 'big', keys: EVERYTHING, limits: { ...DEFAULT_LIMITS, maxHiveBytes: 10_000 } }), { message: /big: it has \d+ bytes, more than the 10000 bytes a hive may have here/ });
});

test('a hive whose subkey list leads back to its root is refused as a loop', async (t) => {
  const hive = file('loop');
  await writeHive(hive, { keys: { First: { values: { A: 1 } }, Second: {} } });
  const bytes = await readFile(hive);
  // The root's subkey list (lf/lh cell): point its first entry back at the root.
  const root = bytes.readUInt32LE(0x24);
  const list = bytes.readUInt32LE(0x1000 + root + 4 + 0x1c);
  bytes.writeUInt32LE(root, 0x1000 + list + 4 + 4);
  await writeFile(hive, bytes);
  await t.throwsAsync(readHive(hive, { name: 'SYSTEM', source: 'loop.hive', keys: EVERYTHING }), { instanceOf: UsageError, message: /loop\.hive: its keys form a loop: a subkey list leads back to a key above it/ });
});

test('a value claiming more data than hivex reads is refused, not read around', async (t) => {
  const hive = file('huge');
  await writeHive(hive, { keys: { Big: { values: { Blob: { binary: Buffer.alloc(3000, 0xab) } } }, Small: { values: { Fine: 1 } } } });
  const bytes = await readFile(hive);
  // The vk cell of Blob: its data length (offset 4 in the cell) claims ~2 GiB.
  const vk = bytes.indexOf(Buffer.from('vk\u0004\u0000', 'latin1'));
  t.true(vk > 0);
  bytes.writeUInt32LE(0x7ffffff0, vk + 4);
  await writeFile(hive, bytes);
  await t.throwsAsync(readHive(hive, { name: 'SYSTEM', source: 'huge.hive', keys: EVERYTHING }), {
    instanceOf: UsageError, message: 'Cannot read the registry hive huge.hive: hivex cannot read it: Numerical result out of range: a value or list longer than hivex reads (a corrupt or hostile length).',
  });
});
