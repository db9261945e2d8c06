import { open, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';
import { readFileRange } from '../host/read-file-range.js';
import { parseBootSector } from '../disks/boot-sector.js';
import { copyRange } from '../disks/copy-range.js';
import { listPartitions, type DiskLayout, type ListedPartition } from '../disks/list-partitions.js';
import { extractPartitionFile } from '../disks/partition-file.js';
import { runTool } from '../disks/run-tool.js';
import { decodeWimXml, parseWimXml } from '../imaging/wim-info.js';
import { findSystemRoot, NoWindowsError } from './find-system-root.js';
import type { InspectLimits } from './limits.js';
import { openFolderTree } from './folder-tree.js';
import { openNtfsTree } from './ntfs-tree.js';
import type { ImageInspection } from './types.js';
import { openWimTree } from './wim-tree.js';
import type { WindowsTree } from './windows-tree.js';

/** One image ready to inspect: its tree and system root, and the disk it lies on. */
export interface OpenedImage {
  tree: WindowsTree;
  /** The system root as the tree spells it (`/WINDOWS`). */
  systemRoot: string;
  disk?: ImageInspection['disk'];
}

/** An image of a WIM that holds no Windows (or a 9x one): refused on its own, the WIM's other images are still read. */
export interface RefusedImage {
  ref: WindowsTree['ref'];
  error: UsageError;
}

/** Options of openImages. */
export interface OpenImagesOptions {
  limits: InspectLimits;
  /** A private folder for partition copies and head reads; the caller removes it. */
  scratch: string;
  signal?: AbortSignal;
}

const WIM_MAGIC = 'MSWIM\0\0\0';
const QCOW2_MAGIC = Buffer.from([0x51, 0x46, 0x49, 0xfb]);
const HEAD_BYTES = 1024 * 1024;

/**
 * Opens what the user named as Windows images: `X.wim` (every image) or `X.wim:N`, a raw or
 * qcow2 disk (every NTFS partition holding Windows: a "System Reserved" partition before C:
 * is passed over), or a folder. Nothing is written into the image: a WIM and a folder are only
 * read, and a disk's partitions are copied out (sparse) into `scratch` for the ntfs-3g tools.
 */
export async function openImages(spec: string, options: OpenImagesOptions): Promise<(OpenedImage | RefusedImage)[]> {
  const { file, index } = splitImageSpec(spec);
  const facts = await stat(file).catch((error: unknown) => {
    throw new UsageError(`Cannot open image ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { step: 'open-image', hint: 'give a WIM (X.wim or X.wim:INDEX), a raw or qcow2 disk image, or a folder' });
  });
  if (facts.isDirectory()) {
    if (index !== undefined) throw new UsageError(`${file} is a folder: an image index (:${index}) is for a WIM.`, { step: 'open-image' });
    const tree = openFolderTree(file);
    return [{ tree, systemRoot: await findSystemRoot(tree) }];
  }
  const head = await readHead(file, 8);
  if (head.toString('latin1') === WIM_MAGIC) return openWim(file, index, options);
  if (index !== undefined) throw new UsageError(`${file} is not a WIM (it starts with ${head.toString('hex')}): an image index (:${index}) is for a WIM.`, { step: 'open-image' });
  return openDisk(file, head.subarray(0, 4).equals(QCOW2_MAGIC) ? 'qcow2' : 'raw', options);
}

/** Splits `X.wim:2` into file and index; a path that exists as given keeps its colon. */
export function splitImageSpec(spec: string): { file: string; index?: number } {
  const match = /^(.+):(\d+)$/.exec(spec);
  if (!match) return { file: spec };
  const index = Number(match[2]);
  if (index < 1) throw new UsageError(`Invalid image index in ${spec}: images of a WIM are numbered from 1.`, { step: 'open-image' });
  return { file: match[1] ?? spec, index };
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function openWim(wim: string, index: number | undefined, options: OpenImagesOptions): Promise<(OpenedImage | RefusedImage)[]> {
  const xml = await runTool('wimlib-imagex', ['info', wim, '--xml'], { file: wim, step: 'wim-info', binary: true, signal: options.signal }).catch((error: unknown) => {
    if (options.signal?.aborted) throw error;
    throw new UsageError(`${wim} is not a readable WIM (corrupt, truncated or a split part): ${(error as Error).message}`, { step: 'open-image', cause: error });
  });
  const images = parseWimXml(decodeWimXml(xml.stdoutBytes)).map((image) => image.index).filter((value) => Number.isInteger(value) && value > 0);
  if (index !== undefined && !images.includes(index)) {
    throw new UsageError(`${wim} has ${images.length} image(s)${images.length > 0 ? ` (${images.join(', ')})` : ''}: there is no image ${index}.`, { step: 'open-image' });
  }
  const opened: (OpenedImage | RefusedImage)[] = [];
  for (const number of index === undefined ? images : [index]) {
    const tree = openWimTree(wim, number, options.limits, options.signal);
    try {
      opened.push({ tree, systemRoot: await findSystemRoot(tree) });
    } catch (error) {
      if (!(error instanceof UsageError) || options.signal?.aborted) throw error;
      opened.push({ ref: tree.ref, error });
    }
  }
  if (opened.length === 0) throw new UsageError(`${wim} holds no image.`, { step: 'open-image' });
  return opened;
}

async function openDisk(disk: string, format: 'raw' | 'qcow2', options: OpenImagesOptions): Promise<OpenedImage[]> {
  const diskBytes = format === 'qcow2' ? Number((await readHead(disk, 32)).readBigUInt64BE(24)) : (await stat(disk)).size;
  const read = makeRangeReader(disk, format, diskBytes, options);
  const layout = await listPartitions(await read(0, HEAD_BYTES), read, disk);
  const volumes: { partition: ListedPartition; label: string }[] = [];
  const seen: string[] = [];
  for (const partition of layout.partitions) {
    if (partition.startBytes + partition.sizeBytes > diskBytes) {
      throw new UsageError(`${disk} is truncated: partition ${partition.number} ends at byte ${partition.startBytes + partition.sizeBytes}, the disk has ${diskBytes} bytes.`, { step: 'open-image', hint: 'copy the disk image again' });
    }
    const facts = parseBootSector(await read(partition.startBytes, 512));
    seen.push(`${partition.number} (${facts?.filesystem ?? `type ${partition.typeId}`})`);
    if (facts?.filesystem === 'ntfs') volumes.push({ partition, label: `${disk} partition ${partition.number}` });
  }
  if (volumes.length === 0) {
    throw new NoWindowsError(`${disk} has no NTFS partition, so no Windows system: its ${layout.table.toUpperCase()} holds partition(s) ${seen.join(', ')}.`, { step: 'find-system-root' });
  }
  const opened: OpenedImage[] = [];
  const refusals: string[] = [];
  for (const { partition, label } of volumes) {
    const file = path.join(options.scratch, `partition-${partition.number}.ntfs`);
    await extractPartitionFile(disk, { startBytes: partition.startBytes, sizeBytes: partition.sizeBytes, typeId: partition.typeId }, file, options.signal, format);
    const tree = openNtfsTree(file, { label, kind: 'disk', path: disk, partition: partition.number }, `NTFS volume (partition ${partition.number} of ${disk})`, options.limits, options.signal);
    try {
      opened.push({ tree, systemRoot: await findSystemRoot(tree), disk: describeDisk(layout, partition) });
    } catch (error) {
      await rm(file, { force: true });
      if (!(error instanceof NoWindowsError)) throw error;
      refusals.push(error.message.replace(/^NTFS volume /, '').replace(/ holds no Windows system: expected .*?, found/, ': found'));
    }
  }
  if (opened.length === 0) {
    throw new NoWindowsError(`${disk} holds no Windows system: no NTFS volume has \\Windows\\System32\\config (or \\WINNT\\…); ${refusals.join('; ')}`, { step: 'find-system-root' });
  }
  return opened;
}

function describeDisk(layout: DiskLayout, partition: ListedPartition): NonNullable<ImageInspection['disk']> {
  return {
    table: layout.table, sectorSize: layout.sectorSize, partitionOffset: partition.startBytes,
    ...(layout.signature ? { signature: layout.signature } : {}), ...(layout.diskGuid ? { diskGuid: layout.diskGuid } : {}),
    ...(partition.guid ? { partitionGuid: partition.guid } : {}),
  };
}

/** Reads byte ranges of a disk: straight from a raw file, through qemu-img for qcow2. */
function makeRangeReader(disk: string, format: 'raw' | 'qcow2', diskBytes: number, options: OpenImagesOptions): (offset: number, length: number) => Promise<Buffer> {
  if (format === 'raw') {
    return (offset, length) => readFileRange(disk, offset, length);
  }
  let count = 0;
  return async (offset, length) => {
    const end = Math.min(diskBytes, offset + length);
    if (end <= offset) return Buffer.alloc(0);
    const out = path.join(options.scratch, `range-${count++}.raw`);
    await writeFile(out, '');
    await truncate(out, end - offset);
    try {
      await copyRange({ from: disk, fromFormat: 'qcow2', fromOffset: offset, to: out, toOffset: 0, length: end - offset, signal: options.signal });
      return await readFile(out);
    } finally {
      await rm(out, { force: true });
    }
  };
}
