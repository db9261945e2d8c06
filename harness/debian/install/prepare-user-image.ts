import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { readExt4File, makeExt4Dir, makeExt4Symlink, writeExt4Files } from '../../disks/ext4-files.js';
import { runTool } from '../../disks/run-tool.js';
import { UsageError } from '../../errors/errors.js';
import { renameOrRemove } from '../../host/atomic.js';
import { findLinuxRoot, type LinuxRoot } from '../boot/find-linux-root.js';
import { listUnitLinks, readLabFiles } from './lab-files.js';
import { probeImageFormat } from './probe-image-format.js';

const MACHINE_ID = /^[0-9a-f]{32}$/;

/** What a prepared user image is: the master's root, and its machine-id when it has one. */
export interface PreparedImage {
  root: LinuxRoot;
  machineId?: string;
}

/**
 * Makes the master of a user's own Linux disk image: a raw copy in the run's folder (`qemu-img
 * convert` reads raw, qcow2 and the other formats it knows; the original is only read), checked to
 * hold a Linux root, with the lab's probe and first-boot units written into it offline (debugfs,
 * no mounts). No install: the image is as its owner made it.
 */
export async function prepareUserImage(image: string, out: string, signal?: AbortSignal): Promise<PreparedImage> {
  const source = path.resolve(image);
  const facts = await stat(source).catch((error: unknown) => {
    throw new UsageError(`Cannot read the master image ${image}: ${(error as Error).message}`, { hint: 'master.image names a bootable Linux disk image (raw or qcow2)' });
  });
  if (!facts.isFile()) throw new UsageError(`The master image ${image} is not a file`);
  const temporary = `${path.resolve(out)}.preparing-${process.pid}`;
  try {
    const format = await probeImageFormat(source, signal);
    await runTool('qemu-img', ['convert', '-f', format, '-O', 'raw', source, temporary], { file: image, step: 'image-convert', ...(signal ? { signal } : {}) });
    const root = await findLinuxRoot(temporary);
    await writeExt4Files(temporary, root.startBytes, await readLabFilesInto(temporary, root, signal), signal);
    for (const { link, target } of listUnitLinks().filter((entry) => !entry.link.includes('clonelab-install'))) {
      await makeExt4Dir(temporary, root.startBytes, path.posix.dirname(link), signal);
      await makeExt4Symlink(temporary, root.startBytes, link, target, signal);
    }
    const machineId = (await readExt4File(temporary, root.startBytes, '/etc/machine-id', { maxBytes: 4096, ...(signal ? { signal } : {}) }).catch(() => Buffer.alloc(0))).toString('utf8').trim();
    await renameOrRemove(temporary, path.resolve(out));
    return { root, ...(MACHINE_ID.test(machineId) ? { machineId } : {}) };
  } finally {
    await rm(temporary, { force: true });
  }
}

async function readLabFilesInto(disk: string, root: LinuxRoot, signal?: AbortSignal) {
  const files = (await readLabFiles()).filter((file) => !file.path.includes('clonelab-install'));
  for (const dir of new Set(files.map((file) => path.posix.dirname(file.path)))) await makeExt4Dir(disk, root.startBytes, dir, signal);
  return files.map((file) => ({ path: file.path, content: Buffer.from(file.content), ...(file.mode === undefined ? {} : { mode: file.mode }) }));
}
