import { readFile, writeFile } from 'node:fs/promises';
import { writeNewc } from '../../harness/guest/cpio-newc.js';

/** Writes the floor initramfs: busybox plus an /init that only powers off (the cheapest possible boot of the same kernel). */
export async function writeFloorInitramfs(file: string): Promise<void> {
  const busybox = await readFile('/usr/bin/busybox');
  await writeFile(file, writeNewc([
    { kind: 'dir', name: 'bin' }, { kind: 'dir', name: 'dev' },
    { kind: 'char', name: 'dev/console', major: 5, minor: 1 },
    { kind: 'file', name: 'bin/busybox', data: busybox, mode: 0o755 }, { kind: 'symlink', name: 'bin/sh', target: 'busybox' },
    { kind: 'file', name: 'init', data: Buffer.from('#!/bin/sh\n/bin/busybox poweroff -f\n'), mode: 0o755 },
  ]));
}
