import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { execa } from 'execa';
import { InfrastructureError } from '../errors/errors.js';
import type { CpioEntry } from './cpio-newc.js';
import { writeNewc } from './cpio-newc.js';
import { formatModulesDep, type ModuleDb, resolveModuleClosure } from './module-db.js';

/** Filesystem drivers the loader needs per filesystem family (vfat also needs its code pages). */
export const FILESYSTEM_MODULES = { fat: ['vfat', 'nls_cp437', 'nls_ascii', 'nls_utf8'], ntfs: ['fuse'] } as const;

/**
 * A loader piece: one newc archive, the loader is a concatenation of pieces. The base piece
 * (busybox, the bulk of every loader) is left uncompressed: under TCG the kernel's gunzip of it
 * costs more than reading 1 MB more. Driver pieces are gzip-compressed (about 4×), which keeps a
 * FAT loader near 2.5 MB and an NTFS loader (glibc, ntfs-3g) near 4 MB.
 */
export interface LoaderPiece {
  /** `base`, `fs-fat`, `fs-ntfs`, or `stor-<driver>`. */
  name: string;
  data: Buffer;
}

/** Builds the base piece: busybox, the loader's /init, the device nodes the console needs. */
export async function buildBasePiece(initScript: string, release: string, shared: readonly { name: string; text: string }[] = []): Promise<LoaderPiece> {
  const entries: CpioEntry[] = [
    ...['bin', 'dev', 'proc', 'sys', 'tmp', 'run', 'etc', 'etc/boot-start', 'sysvol'].map((name) => ({ kind: 'dir', name }) as const),
    { kind: 'char', name: 'dev/console', major: 5, minor: 1 },
    { kind: 'char', name: 'dev/null', major: 1, minor: 3, mode: 0o666 },
    { kind: 'char', name: 'dev/ttyS0', major: 4, minor: 64 },
    { kind: 'char', name: 'dev/ttyS1', major: 4, minor: 65 },
    { kind: 'file', name: 'init', data: await readFile(initScript), mode: 0o755 },
    // The scripts /init shares with the OS scripts (guest/shared), where /init sources them.
    ...shared.map((script) => ({ kind: 'file', name: `lib/${script.name}`, data: Buffer.from(script.text) }) as const),
    { kind: 'file', name: 'bin/busybox', data: await readFile(await findBusybox()), mode: 0o755 },
    // /init starts with #!/bin/sh: the shell must exist before busybox installs its applets.
    { kind: 'symlink', name: 'bin/sh', target: 'busybox' },
    { kind: 'file', name: `lib/modules/${release}/dep.d/.keep`, data: new Uint8Array(0) },
  ];
  return finishPiece('base', entries, false);
}

/** Builds a piece carrying modules (and their modules.dep lines) loaded at boot in `bootStart` order. */
export async function buildModulePiece(name: string, db: ModuleDb, bootStart: readonly string[], extra: CpioEntry[] = [], options: { compress?: boolean } = {}): Promise<LoaderPiece> {
  const files = resolveModuleClosure(db, bootStart);
  const prefix = `lib/modules/${db.release}`;
  const entries: CpioEntry[] = [
    ...(await Promise.all(files.map(async (file) => ({ kind: 'file', name: `${prefix}/${file}`, data: await readFile(path.join(db.modulesDir, file)) }) as const))),
    { kind: 'file', name: `${prefix}/dep.d/${name}`, data: Buffer.from(formatModulesDep(db, files)) },
    { kind: 'file', name: `etc/boot-start/${name}`, data: Buffer.from(`${bootStart.join(' ')}\n`) },
    ...extra,
  ];
  return finishPiece(name, entries, options.compress ?? true);
}

/** Builds the NTFS piece: fuse.ko plus the host's ntfs-3g with the libraries it links (glibc, ld.so). */
export async function buildNtfsPiece(db: ModuleDb): Promise<LoaderPiece> {
  const binary = await findExecutableOrFail('ntfs-3g', 'ntfs-3g');
  const libraries = await listSharedLibraries(binary);
  const extra: CpioEntry[] = [
    { kind: 'file', name: 'bin/ntfs-3g', data: await readFile(binary), mode: 0o755 },
    ...(await Promise.all(libraries.map(async (library) => ({ kind: 'file', name: library.slice(1), data: await readFile(await realpath(library)), mode: 0o755 }) as const))),
  ];
  return buildModulePiece('fs-ntfs', db, FILESYSTEM_MODULES.ntfs, extra);
}

/** The absolute paths of the shared libraries a dynamic executable loads (from ldd). */
export async function listSharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await execa('ldd', [binary]);
  return stdout.split('\n').flatMap((line) => {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    return match?.[1] ? [match[1]] : [];
  });
}

async function findBusybox(): Promise<string> {
  return findExecutableOrFail('busybox', 'busybox-static');
}

async function findExecutableOrFail(name: string, debianPackage: string): Promise<string> {
  const result = await execa('sh', ['-c', 'command -v "$1"', 'sh', name], { reject: false });
  const found = result.stdout.trim();
  if (!found) throw new InfrastructureError(`${name} is not installed`, { step: 'guest-build', hint: `apt-get install ${debianPackage}` });
  return realpath(found);
}

function finishPiece(name: string, entries: CpioEntry[], compress: boolean): LoaderPiece {
  const archive = writeNewc(withParentDirs(entries));
  const data = compress ? gzipSync(archive, { level: 9 }) : archive;
  // The kernel only takes an uncompressed archive at a 4-byte aligned offset of the initrd, and
  // skips zero bytes between archives: padding every piece keeps any concatenation valid.
  return { name, data: Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]) };
}

/** Adds a directory entry for every parent of every member: the kernel's unpacker does not make parents. */
function withParentDirs(entries: CpioEntry[]): CpioEntry[] {
  const dirs = new Set<string>();
  for (const entry of entries) {
    const parts = entry.name.split('/');
    for (let index = 1; index < parts.length; index++) dirs.add(parts.slice(0, index).join('/'));
  }
  const explicit = new Set(entries.filter((entry) => entry.kind === 'dir').map((entry) => entry.name));
  const added: CpioEntry[] = [...dirs].filter((dir) => !explicit.has(dir)).sort().map((name) => ({ kind: 'dir', name }));
  return [...added, ...entries];
}
