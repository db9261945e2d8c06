import { stat } from 'node:fs/promises';
import { XMLParser } from 'fast-xml-parser';
import { UsageError } from '../errors/errors.js';
import { runTool } from '../disks/run-tool.js';

/** One image of a WIM, from its XML. */
export interface WimImage {
  index: number;
  name: string;
  dirCount: number;
  fileCount: number;
  totalBytes: number;
  hardLinkBytes: number;
  created?: Date;
  modified?: Date;
}

/** What a WIM holds and how well it packs. */
export interface WimInfo {
  path: string;
  fileBytes: number;
  compression: string;
  partNumber: number;
  totalParts: number;
  hasIntegrityTable: boolean;
  images: WimImage[];
  /** Sum of the images' file bytes (what separate copies would hold). */
  logicalBytes: number;
  /** Bytes of distinct file contents stored once (single-instance storage). */
  uniqueBytes: number;
  /** 1 - unique / logical: what single-instance storage saves across (and within) images. */
  dedupeSaving: number;
  /** WIM file size / unique bytes (lower is better; 1 = no compression). Undefined for split parts. */
  compressionRatio?: number;
}

/** Reads a WIM's header, XML (parsed with fast-xml-parser) and blob table into typed facts. */
export async function readWimInfo(wimPath: string): Promise<WimInfo> {
  const fileBytes = (await stat(wimPath).catch((error: unknown) => {
    throw new UsageError(`Cannot read WIM ${wimPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { cause: error });
  })).size;
  const header = await runWimInfo(wimPath, []);
  const field = (name: string): string => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(header)?.[1]?.trim() ?? '';
  const [partNumber, totalParts] = field('Part Number').split('/').map(Number);
  const xmlBytes = (await runTool('wimlib-imagex', ['info', wimPath, '--xml'], { file: wimPath, step: 'wim-info', binary: true })).stdoutBytes;
  const images = parseWimXml(decodeWimXml(xmlBytes));
  const blobs = await runWimInfo(wimPath, ['--blobs']);
  const uniqueBytes = sumDataBlobs(blobs);
  const logicalBytes = images.reduce((sum, image) => sum + image.totalBytes, 0);
  return {
    path: wimPath, fileBytes, compression: field('Compression'), partNumber: partNumber ?? 1, totalParts: totalParts ?? 1,
    hasIntegrityTable: /Integrity Table/i.test(header) || /Integrity/.test(field('Attributes')), images, logicalBytes, uniqueBytes,
    dedupeSaving: logicalBytes > 0 ? 1 - uniqueBytes / logicalBytes : 0,
    compressionRatio: (totalParts ?? 1) === 1 && uniqueBytes > 0 ? fileBytes / uniqueBytes : undefined,
  };
}

/** Reads only a WIM's header facts (one wimlib run): compression and split-part numbers. */
export async function readWimHeader(wimPath: string, signal?: AbortSignal): Promise<{ compression: string; partNumber: number; totalParts: number }> {
  const header = await runWimInfo(wimPath, ['--header'], signal);
  const part = /Part Number\s*[=:]\s*(\d+)/i.exec(header)?.[1];
  const total = /Total Parts\s*[=:]\s*(\d+)/i.exec(header)?.[1];
  return { compression: /Compression\s*[=:]\s*(\S+)/i.exec(header)?.[1] ?? '', partNumber: Number(part ?? 1), totalParts: Number(total ?? 1) };
}

/** Runs `wimlib-imagex info`; a failure names the WIM and says it is corrupt or not a WIM. */
async function runWimInfo(wimPath: string, extra: string[], signal?: AbortSignal): Promise<string> {
  try {
    return (await runTool('wimlib-imagex', ['info', wimPath, ...extra], { file: wimPath, step: 'wim-info', signal })).stdout;
  } catch (error) {
    if (signal?.aborted) throw error; // canceled, not a bad WIM
    throw new UsageError(`${wimPath} is not a readable WIM (corrupt, truncated or another format): ${(error as Error).message}`, { cause: error });
  }
}

/** Decodes `wiminfo --xml` output: UTF-16LE with a byte-order mark (measured). */
export function decodeWimXml(bytes: Buffer): string {
  const text = bytes.toString('utf16le');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses the WIM XML into images (numbers, and FILETIME HIGHPART/LOWPART into dates). */
export function parseWimXml(xml: string): WimImage[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, isArray: (name) => name === 'IMAGE' });
  const root = parser.parse(xml) as { WIM?: { IMAGE?: Record<string, unknown>[] } };
  return (root.WIM?.IMAGE ?? []).map((image) => ({
    index: Number(image.INDEX), name: String(image.NAME ?? ''), dirCount: Number(image.DIRCOUNT ?? 0), fileCount: Number(image.FILECOUNT ?? 0),
    totalBytes: Number(image.TOTALBYTES ?? 0), hardLinkBytes: Number(image.HARDLINKBYTES ?? 0),
    created: parseFileTime(image.CREATIONTIME), modified: parseFileTime(image.LASTMODIFICATIONTIME),
  }));
}

/** Converts a Windows FILETIME (100 ns since 1601) split in HIGHPART/LOWPART into a Date. */
function parseFileTime(value: unknown): Date | undefined {
  const parts = value as { HIGHPART?: string; LOWPART?: string } | undefined;
  if (!parts?.HIGHPART || !parts.LOWPART) return undefined;
  const ticks = (BigInt(parts.HIGHPART) << 32n) | BigInt(parts.LOWPART);
  return new Date(Number(ticks / 10000n - 11644473600000n));
}

/** Sums the uncompressed sizes of the file-data blobs (metadata resources excluded). */
function sumDataBlobs(blobs: string): number {
  let total = 0;
  for (const block of blobs.split(/\n\s*\n/)) {
    if (/FLAG_METADATA/.test(block)) continue;
    const size = /Uncompressed size\s*=\s*(\d+)/.exec(block);
    if (size) total += Number(size[1]);
  }
  return total;
}
