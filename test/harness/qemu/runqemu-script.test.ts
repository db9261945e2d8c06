import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import tmp from 'tmp';
import { quoteShellArg, writeRunScript } from '../../../harness/qemu/runqemu-script.js';

test('quotes single quotes, spaces, dollars and newlines so that sh gives back the same argv', async (t) => {
  const dir = tmp.dirSync({ prefix: 'clonelab-test-runqemu-', unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const args = ['%s|', "it's", '$HOME `id` "x"', 'two words', 'line\nbreak', '', 'path=/a,,b'];
  const script = await writeRunScript(path.join(dir.name, 'runqemu.sh'), 'printf', args);
  t.is((await stat(script)).mode & 0o111, 0o111);
  t.true((await readFile(script, 'utf8')).startsWith('#!/bin/sh\n'));
  const { stdout } = await execa(script, [], { stripFinalNewline: false });
  t.is(stdout, args.slice(1).map((arg) => `${arg}|`).join(''));
});

test('quoteShellArg wraps in single quotes', (t) => {
  t.is(quoteShellArg("a'b"), `'a'\\''b'`);
});
