import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import tmp from 'tmp';
import { LogFollower } from '../../../harness/qemu/log-follower.js';

function makeFile(t: ExecutionContext): string {
  const dir = tmp.dirSync({ prefix: 'clonelab-test-log-', unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  return path.join(dir.name, 'com2.log');
}

test('a missing file is no lines yet; appended pieces become whole lines; CRLF loses its CR', async (t) => {
  const file = makeFile(t);
  const follower = new LogFollower(file);
  t.is(await follower.poll(), 0);
  await writeFile(file, 'first\r\nsec');
  t.is(await follower.poll(), 1);
  await appendFile(file, 'ond\nthird');
  t.is(await follower.poll(), 1);
  t.deepEqual(follower.texts(), ['first', 'second']);
  follower.flush();
  t.deepEqual(follower.linesFrom(1).map((line) => [line.index, line.text]), [[1, 'second'], [2, 'third']]);
});

test('a line over the cap is cut at the cap and flagged; the next line is whole again', async (t) => {
  const file = makeFile(t);
  await writeFile(file, `${'x'.repeat(100)}\nshort\n`);
  const follower = new LogFollower(file, { maxLineBytes: 10 });
  await follower.poll();
  t.deepEqual(follower.linesFrom(0).map(({ text, truncated }) => ({ text, truncated })), [
    { text: 'x'.repeat(10), truncated: true },
    { text: 'short', truncated: false },
  ]);
});

test('only the last maxLines lines are kept, with stable indexes', async (t) => {
  const file = makeFile(t);
  await writeFile(file, Array.from({ length: 10 }, (_, i) => `l${i}\n`).join(''));
  const follower = new LogFollower(file, { maxLines: 3 });
  await follower.poll();
  t.deepEqual(follower.texts(), ['l7', 'l8', 'l9']);
  t.is(follower.droppedLines, 7);
  t.deepEqual(follower.linesFrom(2).map((line) => line.index), [7, 8, 9]);
  t.deepEqual(follower.linesFrom(9).map((line) => line.text), ['l9']);
  t.deepEqual(follower.tail(2), ['l8', 'l9']);
});

test('invalid UTF-8 becomes replacement characters, never an exception', async (t) => {
  const file = makeFile(t);
  await writeFile(file, Buffer.from([0x66, 0xff, 0xc3, 0x28, 0x0a, 0x00, 0x01, 0x0a]));
  const follower = new LogFollower(file);
  await follower.poll();
  t.deepEqual(follower.texts(), ['f\uFFFD\uFFFD(', '\u0000\u0001']);
});
