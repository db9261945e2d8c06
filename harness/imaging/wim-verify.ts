import { UsageError } from '../errors/errors.js';
import { runTool } from '../disks/run-tool.js';
import { resolveWimParts } from './wim-parts.js';

/** Verifies a WIM (its integrity table if any, every blob's hash, every image's metadata); throws naming the WIM when it fails. */
export async function verifyWim(wim: string, refs?: readonly string[], signal?: AbortSignal): Promise<{ ok: true; parts: number }> {
  const parts = await resolveWimParts(wim, refs, signal);
  try {
    await runTool('wimlib-imagex', ['verify', wim, ...parts.map((part) => `--ref=${part}`)], { file: wim, step: 'wim-verify', signal });
  } catch (error) {
    if (signal?.aborted) throw error; // canceled, not a bad WIM
    throw new UsageError(`${wim} failed verification: ${(error as Error).message}`, { cause: error });
  }
  return { ok: true, parts: parts.length + 1 };
}
