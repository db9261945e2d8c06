import test from 'ava';
import { execa } from 'execa';
import { writeNewc } from '../../../harness/guest/cpio-newc.js';

test('GNU cpio reads the archive: files, directories, symlinks and device nodes', async (t) => {
  const archive = writeNewc([
    { kind: 'dir', name: 'bin' },
    { kind: 'file', name: 'bin/hello', data: Buffer.from('hello\n'), mode: 0o755 },
    { kind: 'symlink', name: 'bin/sh', target: 'busybox' },
    { kind: 'char', name: 'dev/console', major: 5, minor: 1 },
    { kind: 'file', name: 'odd-size', data: Buffer.from('abc') },
  ]);
  t.is(archive.length % 4, 0);
  const { stdout } = await execa('cpio', ['-itv', '--quiet'], { input: archive });
  t.regex(stdout, /drwxr-xr-x .* bin$/m);
  t.regex(stdout, /-rwxr-xr-x .* 6 .* bin\/hello/);
  t.regex(stdout, /lrwxrwxrwx .* bin\/sh -> busybox/);
  t.regex(stdout, /crw------- .* 5, *1 .* dev\/console/);
  t.regex(stdout, /odd-size/);
});
