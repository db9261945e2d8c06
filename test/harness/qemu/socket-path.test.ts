import path from 'node:path';
import test from 'ava';
import { qmpSocketPath } from '../../../harness/qemu/socket-path.js';

test('the QMP socket sits in the work folder when the path fits', (t) => {
  t.is(qmpSocketPath('/tmp/out/vm1'), '/tmp/out/vm1/qmp.sock');
});

test('a deep work folder gets a short, stable socket path in the temporary folder', (t) => {
  const deep = `/builds/${'nested-folder/'.repeat(10)}vm1`;
  const socket = qmpSocketPath(deep);
  t.true(Buffer.byteLength(socket) <= 107);
  t.regex(path.basename(socket), /^clonelab-[0-9a-f]{16}\.sock$/);
  t.is(qmpSocketPath(deep), socket);
  t.not(qmpSocketPath(`${deep}-2`), socket);
});
