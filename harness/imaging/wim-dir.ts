import { runTool } from '../disks/run-tool.js';

/** One file or folder of a WIM image, as `wimlib-imagex dir --detailed` reports it. */
export interface WimDirEntry {
  path: string;
  shortName: string;
  attributes: number;
  creationTime: string;
  lastWriteTime: string;
  hash: string;
  size: number;
  hasSecurityDescriptor: boolean;
  namedStreams: string[];
}

/** Lists every entry of a WIM image with its metadata; `signal` cancels wimlib. */
export async function listWimImage(wim: string, index = 1, refs: readonly string[] = [], signal?: AbortSignal): Promise<WimDirEntry[]> {
  const { stdout } = await runTool('wimlib-imagex', ['dir', wim, String(index), '--detailed', ...refs.map((ref) => `--ref=${ref}`)], { file: wim, step: 'wim-dir', signal });
  return stdout.split(/^-{20,}$/m).map(parseEntry).filter((entry): entry is WimDirEntry => entry !== undefined);
}

/** Parses one block of `dir --detailed` output. */
function parseEntry(block: string): WimDirEntry | undefined {
  const field = (name: string): string | undefined => new RegExp(`^${name}\\s*=\\s*(.*)$`, 'm').exec(block)?.[1]?.trim();
  const fullPath = field('Full Path');
  if (fullPath === undefined) return undefined;
  // The first Hash/size pair belongs to the unnamed (main) data stream.
  const unnamed = /Unnamed data stream:[\s\S]*?Hash\s*=\s*(\S+)[\s\S]*?Uncompressed size\s*=\s*(\d+)/.exec(block);
  return {
    path: JSON.parse(fullPath) as string, shortName: JSON.parse(field('Short Name') ?? '""') as string,
    attributes: Number(field('Attributes') ?? 0), creationTime: field('Creation Time') ?? '', lastWriteTime: field('Last Write Time') ?? '',
    hash: unnamed?.[1] ?? '', size: Number(unnamed?.[2] ?? 0), hasSecurityDescriptor: /Security Descriptor|Security ID/i.test(block),
    namedStreams: [...block.matchAll(/Named data stream "([^"]*)"/g)].map((match) => match[1] ?? ''),
  };
}
