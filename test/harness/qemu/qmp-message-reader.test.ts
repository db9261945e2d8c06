import { once } from 'node:events';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import tmp from 'tmp';
import { readQmpMessages } from '../../../harness/qemu/qmp-message-reader.js';

/** A unix socket server that writes `chunks` to its first client; returns the client side. */
async function serve(t: ExecutionContext, chunks: Array<string | Buffer>): Promise<net.Socket> {
  const dir = tmp.dirSync({ prefix: 'clonelab-qmp-reader-' }).name;
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const socketPath = path.join(dir, 'qmp.sock');
  const server = net.createServer((peer) => {
    peer.on('error', () => undefined); // the client hangs up mid-write (the 5 MiB test): not this test's concern
    for (const chunk of chunks) peer.write(chunk);
  });
  server.listen(socketPath);
  await once(server, 'listening');
  t.teardown(() => { server.close(); });
  const client = net.createConnection(socketPath);
  t.teardown(() => { client.destroy(); });
  return client;
}

test('messages split across writes are whole; broken lines are dropped; later messages go to the handler', async (t) => {
  const client = await serve(t, ['{"QMP":{"version"', ':{}}}\n', 'not json\n{"return":{}', ',"id":"a"}\n']);
  const reader = readQmpMessages(client);
  t.deepEqual(await reader.next(), { QMP: { version: {} } });
  const message = await new Promise((resolve) => reader.attach(resolve, () => undefined));
  t.deepEqual(message, { return: {}, id: 'a' });
});

test('a message over 4 MiB ends the reader with an error instead of growing without bound', async (t) => {
  const client = await serve(t, [Buffer.alloc(5 * 1024 * 1024, 0x61)]);
  const reader = readQmpMessages(client);
  await t.throwsAsync(reader.next(), { message: /a QMP message exceeded 4194304 bytes/ });
});
