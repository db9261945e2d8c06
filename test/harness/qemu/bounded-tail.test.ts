import test from 'ava';
import { BoundedTail } from '../../../harness/qemu/bounded-tail.js';

test('keeps the last bytes and says how many were dropped', (t) => {
  const tail = new BoundedTail(8);
  tail.push('abcdef');
  tail.push(Buffer.from('ghijkl'));
  t.is(tail.text(), '[…4 earlier bytes dropped]\nefghijkl');
});

test('under the limit nothing is dropped', (t) => {
  const tail = new BoundedTail(64);
  tail.push('error: bad option\n');
  t.is(tail.text(), 'error: bad option\n');
});
