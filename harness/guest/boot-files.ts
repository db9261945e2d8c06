import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { withVolumeReader, type DiskInfo, type ReadVolumeFileInto } from '../disks/index.js';

/** One boot file: its path on the volume and the host path QEMU is given. */
export interface BootFile {
  from: string;
  to: string;
}

/** What staging one boot file did: the content's hash and whether its bytes were written now. */
export interface StagedBootFile {
  to: string;
  sha256: string;
  sizeBytes: number;
  /** True when no stored copy had these bytes and this boot wrote them into the store. */
  written: boolean;
}

/**
 * Plays the boot loader's read of `boot/` without a copy per boot: each file is read from the
 * volume and hashed (nothing written), then hard-linked from a content-addressed store
 * (`<store>/sha256-<hex>`); only bytes no stored file has are written, once. The hash is of
 * the bytes on this volume, so a volume that holds another kernel boots that kernel.
 * Resolves to the disk's facts and what each file was.
 * @example await stageBootFiles('vm1.img', [{ from: '/boot/vmlinux', to: 'w/vmlinux' }], 'run/boot-files')
 */
export async function stageBootFiles(disk: string, files: readonly BootFile[], store: string, signal?: AbortSignal): Promise<{ info: DiskInfo; staged: StagedBootFile[] }> {
  await mkdir(store, { recursive: true });
  const { result, info } = await withVolumeReader(disk, async (read) => {
    const staged: StagedBootFile[] = [];
    for (const file of files) staged.push(await stageOne(read, file, store));
    return staged;
  }, signal);
  return { info, staged: result };
}

// Stored files being made now, by path: clones booting at once with one new kernel write it once.
const making = new Map<string, Promise<void>>();

async function stageOne(read: ReadVolumeFileInto, file: BootFile, store: string): Promise<StagedBootFile> {
  const first = await hashOf(read, file.from);
  const stored = path.join(store, `sha256-${first.sha256}`);
  let written = false;
  // Looked up and set without an await between: one boot writes, the others wait for it.
  let make = making.get(stored);
  if (!make) {
    make = (async () => {
      if (await exists(stored)) return;
      await writeStored(read, file.from, stored, first.sha256);
      written = true;
    })().finally(() => making.delete(stored));
    making.set(stored, make);
    await make;
  } else {
    await make.catch(() => undefined);
    if (!(await exists(stored))) return stageOne(read, file, store); // the writer failed: try again
  }
  await rm(file.to, { force: true });
  // Another filesystem cannot take a link: then this boot has its own copy, as before.
  await link(stored, file.to).catch((error: NodeJS.ErrnoException) => (error.code === 'EXDEV' ? copyFile(stored, file.to) : Promise.reject(error)));
  return { to: file.to, sha256: first.sha256, sizeBytes: first.sizeBytes, written };
}

async function writeStored(read: ReadVolumeFileInto, from: string, stored: string, sha256: string): Promise<void> {
  // A second read writes the bytes, hashing them again: what is stored is what was hashed.
  const temporary = `${stored}.writing-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    const hash = createHash('sha256');
    const out = createWriteStream(temporary);
    await read(from, new Writable({
      write(chunk: Buffer, _encoding, done) { hash.update(chunk); out.write(chunk, done); },
      final(done) { out.end(done); },
    }));
    const again = hash.digest('hex');
    if (again !== sha256) throw new Error(`${from} changed while it was read (sha256 ${sha256}, then ${again})`);
    // A link, not a rename: a copy another process stored meanwhile stays (same bytes).
    await link(temporary, stored).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : Promise.reject(error)));
  } finally {
    await rm(temporary, { force: true });
  }
}

async function hashOf(read: ReadVolumeFileInto, from: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  await read(from, new Writable({ write(chunk: Buffer, _encoding, done) { hash.update(chunk); sizeBytes += chunk.length; done(); } }));
  return { sha256: hash.digest('hex'), sizeBytes };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
