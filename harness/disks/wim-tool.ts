import { runTool } from './run-tool.js';

/** Captures a folder or an NTFS volume file into a new uncompressed WIM (used as a neutral carrier); `signal` cancels it. */
export async function captureToWim(source: string, wim: string, signal?: AbortSignal): Promise<void> {
  await runTool('wimlib-imagex', ['capture', source, wim, 'volume', '--compress=none', '--no-acls'], { file: source, step: 'wim-capture', signal });
}

/** Applies image `index` of a WIM (and its parts) to a folder or a fresh NTFS volume file; `signal` cancels it. */
export async function applyWim(wim: string, index: number, target: string, refs: readonly string[] = [], signal?: AbortSignal): Promise<void> {
  await runTool('wimlib-imagex', ['apply', wim, String(index), target, ...refs.map((ref) => `--ref=${ref}`)], { file: wim, step: 'wim-apply', signal });
}
