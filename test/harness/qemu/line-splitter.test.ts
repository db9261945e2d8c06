import test from 'ava';
import { LineSplitter } from '../../../harness/qemu/line-splitter.js';

function collect(maxLineBytes: number): { splitter: LineSplitter; lines: Array<[string, boolean]> } {
  const lines: Array<[string, boolean]> = [];
  return { splitter: new LineSplitter(maxLineBytes, (text, truncated) => lines.push([text, truncated])), lines };
}

test('lines split across chunks come out whole, CRLF loses its CR, a last line without newline needs flush', (t) => {
  const { splitter, lines } = collect(1024);
  splitter.push(Buffer.from('one\r\ntw'));
  splitter.push(Buffer.from('o\nthr'));
  t.deepEqual(lines, [['one', false], ['two', false]]);
  splitter.flush();
  t.deepEqual(lines.at(-1), ['thr', false]);
  splitter.flush();
  t.is(lines.length, 3, 'a second flush adds no empty line');
});

test('a UTF-8 character split between two chunks is decoded whole', (t) => {
  const { splitter, lines } = collect(1024);
  const bytes = Buffer.from('naïve\n');
  const cut = bytes.indexOf(0xc3) + 1;
  splitter.push(bytes.subarray(0, cut));
  splitter.push(bytes.subarray(cut));
  t.deepEqual(lines, [['naïve', false]]);
});

test('a line over the cap is cut at the cap, flagged, and reported as overflowing before it ends', (t) => {
  const { splitter, lines } = collect(8);
  splitter.push(Buffer.from('0123456789abc'));
  t.true(splitter.overflowing);
  t.deepEqual(lines, []);
  splitter.push(Buffer.from('def\nok\n'));
  t.false(splitter.overflowing);
  t.deepEqual(lines, [['01234567', true], ['ok', false]]);
});

test('the caller may reuse its buffer after push', (t) => {
  const { splitter, lines } = collect(64);
  const buffer = Buffer.from('abc');
  splitter.push(buffer);
  buffer.write('xyz');
  splitter.push(Buffer.from('\n'));
  t.deepEqual(lines, [['abc', false]]);
});
