import { randomBytes } from 'node:crypto';
import test from 'ava';
import { MAX_LINE_CHARS, parseProbeLines } from '../../../harness/guest/parse-probe-lines.js';

const sid = 'S-1-5-21-1-2-3';
const good = [
  '{"v":1,"t":"begin","setup":"install","mode":"normal","kernel":"6.1.0-56-amd64"}',
  '{"v":1,"t":"device","slot":"00:02.0","vendor":"8086","device":"100e","class":"0200","recordedDriver":"e1000","boundDriver":"e1000","functionDriver":null,"status":"started","problem":null}',
  '{"v":1,"t":"device","slot":"00:03.0","vendor":"8086","device":"100e","class":"0200","recordedDriver":null,"boundDriver":null,"functionDriver":null,"status":"problem","problem":28}',
  '{"v":1,"t":"nic","slot":"00:02.0","interface":"eth0","hardwareMac":"52:54:00:12:34:56","recordedMac":"52:54:00:12:34:56","overrideMac":null,"mac":"52:54:00:12:34:56","up":true}',
  `{"v":1,"t":"identity","machineSid":"${sid}","computerName":"CL-0000ABCD"}`,
  `{"v":1,"t":"account","name":"Administrator","rid":500,"sid":"${sid}-500"}`,
  '{"v":1,"t":"volume","mount":"/","device":"sda1","filesystem":"fat32","label":"CLONELAB","serial":"1234-ABCD","sizeBytes":1000,"freeBytes":10,"deviceBytes":2000}',
  `{"v":1,"t":"descriptor","path":"users/User/profile.txt","owner":"${sid}-1000"}`,
  '{"v":1,"t":"timing","loaderStart":1,"bootDriversLoaded":1.5,"volumeMounted":1.6,"setupDone":1.7,"driversStarted":2,"reported":2.1}',
  '{"v":1,"t":"end"}',
];

test('a whole report is assembled from its lines', (t) => {
  const { report, malformed } = parseProbeLines(good);
  t.deepEqual(malformed, []);
  t.is(report?.setup, 'install');
  t.is(report?.machineSid, sid);
  t.is(report?.devices.length, 2);
  t.is(report?.devices[1]?.problem, 28);
  t.is(report?.nics[0]?.interface, 'eth0');
  t.is(report?.accounts[0]?.rid, 500);
  t.is(report?.volumes[0]?.filesystem, 'fat32');
  t.is(report?.descriptors[0]?.owner, `${sid}-1000`);
  t.is(report?.timings?.reported, 2.1);
  t.true(report?.complete);
});

test('a STOP line alone makes a complete report with the code', (t) => {
  const { report } = parseProbeLines(['{"v":1,"t":"stop","code":"0x0000007B","name":"INACCESSIBLE_BOOT_DEVICE","detail":"no volume","at":3.2}']);
  t.is(report?.stop?.code, '0x0000007B');
  t.true(report?.complete);
});

test('the generalized line says what generalize did: mass storage and the SID changer; an unknown changer is evidence', (t) => {
  const begin = '{"v":1,"t":"begin","setup":"none","mode":"generalize","kernel":"6.1.0-56-amd64"}';
  const { report } = parseProbeLines([begin, '{"v":1,"t":"generalized","massStorage":true,"sidChanger":"no-acl-rewrite"}', '{"v":1,"t":"end"}']);
  t.deepEqual(report?.generalized, { massStorage: true, sidChanger: 'no-acl-rewrite' });
  const unknown = parseProbeLines([begin, '{"v":1,"t":"generalized","massStorage":false,"sidChanger":"newsid"}', '{"v":1,"t":"end"}']);
  t.is(unknown.report?.generalized, null);
  t.is(unknown.malformed.length, 1);
});

test('a report without its end line is incomplete', (t) => {
  t.false(parseProbeLines(good.slice(0, 4)).report?.complete);
});

test('malformed, unknown, wrong-version and oversized lines are evidence, valid ones still count', (t) => {
  const huge = `{"v":1,"t":"end","x":"${'a'.repeat(MAX_LINE_CHARS)}"}`;
  const { report, malformed } = parseProbeLines([
    ...good.slice(0, 2), 'kernel: random console noise', '{"v":2,"t":"end"}', '{"v":1,"t":"device","slot":"zz"}', huge,
    '{"v":1,"t":"device","slot":"00:02.0","vendor":"8086","device":"100e","class":"0200","recordedDriver":"e1;rm -rf","boundDriver":null,"functionDriver":null,"status":"started","problem":null}',
  ]);
  t.is(report?.devices.length, 1);
  t.is(malformed.length, 5);
  t.regex(malformed[0]?.reason ?? '', /not JSON/);
  t.regex(malformed[3]?.reason ?? '', /oversized/);
  t.true((malformed[3]?.line.length ?? Infinity) < 300, 'evidence of a huge line is cut');
});

test('interleaved partial lines: the broken halves are evidence, whole lines count', (t) => {
  const [first, second] = [good[0] as string, good[4] as string];
  const interleaved = [first.slice(0, 30) + second, second.slice(0, 10), first.slice(30), good[9] as string];
  const { report, malformed } = parseProbeLines(interleaved);
  t.is(malformed.length, 3);
  t.true(report?.complete);
});

test('a repeated one-per-boot line keeps the first and reports the second', (t) => {
  const other = good[4]?.replace(sid, 'S-1-5-21-9-9-9') as string;
  const { report, malformed } = parseProbeLines([good[4] as string, other]);
  t.is(report?.machineSid, sid);
  t.regex(malformed[0]?.reason ?? '', /repeated "identity"/);
});

test('fuzz: random bytes, random JSON-ish noise and mutated lines never throw', (t) => {
  for (let round = 0; round < 300; round++) {
    const noise = randomBytes(1 + (round % 97) * 37).toString(round % 2 ? 'latin1' : 'utf8');
    const mutated = (good[round % good.length] as string).split('');
    for (let k = 0; k < 3; k++) mutated[(round * 7 + k * 13) % mutated.length] = String.fromCharCode((round * 31 + k) % 256);
    const lines = [...noise.split('\n'), mutated.join(''), '{"v":1,"t":"__proto__"}', '{"__proto__":{"t":"end"},"v":1}', 'null', '[]', '1e999'];
    const parsed = parseProbeLines(lines);
    t.true(Array.isArray(parsed.malformed));
  }
  t.notThrows(() => parseProbeLines(['x'.repeat(5_000_000)]));
});
