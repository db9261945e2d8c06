import { readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { guestSourceDir, readOsScripts, readSharedScripts } from '../../../harness/guest/guest-source.js';
import { buildBasePiece } from '../../../harness/guest/loader-pieces.js';

const defines = (text: string, name: string) => new RegExp(`^${name}\\(\\)`, 'm').test(text);

test('arg() is written once, in guest/shared/args.sh, and both the loader and the OS scripts source it', async (t) => {
  const shared = await readSharedScripts();
  t.deepEqual(shared.map((script) => script.name), ['args.sh']);
  t.true(defines(shared[0]!.text, 'arg'));
  const init = await readFile(path.join(guestSourceDir(), 'loader', 'init'), 'utf8');
  const os = await readOsScripts();
  t.deepEqual([init, ...os.filter((script) => script.name !== 'args.sh').map((script) => script.text)].filter((text) => defines(text, 'arg')), [], 'no second arg()');
  t.regex(init, /^\. \/lib\/args\.sh$/m);
  t.regex(os.find((script) => script.name === 'lib.sh')!.text, /^\. \/os\/args\.sh$/m);
  t.true(os.some((script) => script.name === 'args.sh'), 'the volume gets it as system/os/args.sh');
});

test('the loader\'s base piece carries the shared scripts as /lib/NAME', async (t) => {
  const shared = [{ name: 'args.sh', text: 'arg() { ARG=$2; }\n' }];
  const piece = await buildBasePiece(path.join(guestSourceDir(), 'loader', 'init'), '6.1.0-test', shared);
  // The base piece is a raw newc archive: the member's name, then (4-byte aligned) its data.
  const at = piece.data.indexOf('lib/args.sh\0');
  t.true(at > 0, 'lib/args.sh is a member');
  t.true(piece.data.indexOf('arg() { ARG=$2; }\n', at) > at, 'with the shared text');
});
