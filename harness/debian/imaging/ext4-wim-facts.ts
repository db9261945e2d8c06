import { runTool } from '../../disks/run-tool.js';
import { UsageError } from '../../errors/errors.js';

/** What a Linux file capture remembers of its source besides the files (kept in image 1's WIM description). */
export interface Ext4WimFacts {
  /** The source root filesystem's UUID (kept on apply only when asked). */
  rootUuid: string;
  /** The source root filesystem's label ('' when none): every target gets it. */
  rootLabel: string;
  /** Size of the source's EFI system partition (0 when it had none). */
  espBytes: number;
}

/** One image of a WIM as `wimlib-imagex info` lists it. */
export interface ListedWimImage {
  index: number;
  name: string;
  description: string;
}

const PREFIX = 'clonelab-ext4 ';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Bound on wimlib's listing read here (a WIM from elsewhere is untrusted).
const INFO_MAX_CHARS = 1024 * 1024;

/** The WIM image description that carries the facts. */
export function formatExt4WimFacts(facts: Ext4WimFacts): string {
  return `${PREFIX}${JSON.stringify(facts)}`;
}

/** Reads the facts back from a description; undefined when the image was not captured by the Linux file method. */
export function parseExt4WimFacts(description: string): Ext4WimFacts | undefined {
  if (!description.startsWith(PREFIX)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(description.slice(PREFIX.length));
  } catch {
    return undefined;
  }
  const facts = value as Partial<Ext4WimFacts>;
  if (typeof facts.rootUuid !== 'string' || !UUID.test(facts.rootUuid)) return undefined;
  if (typeof facts.rootLabel !== 'string' || Buffer.byteLength(facts.rootLabel) > 16) return undefined;
  if (!Number.isSafeInteger(facts.espBytes) || (facts.espBytes ?? -1) < 0) return undefined;
  return { rootUuid: facts.rootUuid, rootLabel: facts.rootLabel, espBytes: facts.espBytes ?? 0 };
}

/** Lists a WIM's images (index, name, description); a file wimlib cannot read is refused naming it. */
export async function listWimImages(wim: string, signal?: AbortSignal): Promise<ListedWimImage[]> {
  const { stdout } = await runTool('wimlib-imagex', ['info', wim], { file: wim, step: 'wim-info', signal }).catch((error: unknown) => {
    if (signal?.aborted) throw error;
    throw new UsageError(`${wim} is not a readable WIM (expected a WIM captured by the file method): ${(error as Error).message}`, { cause: error });
  });
  const images: ListedWimImage[] = [];
  // `info` prints one block per image: `Index:`, `Name:`, `Description:` lines.
  for (const block of stdout.slice(0, INFO_MAX_CHARS).split(/^Index:/m).slice(1)) {
    const field = (name: string): string => new RegExp(`^${name}:[ \\t]*(.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
    images.push({ index: Number.parseInt(block, 10), name: field('Name'), description: field('Description') });
  }
  return images;
}
