import { Writable } from 'node:stream';
import { UsageError } from '../errors/errors.js';
import type { InspectLimits } from './limits.js';
import { streamTool, streamToolToFile, textSink, TooLargeError } from './stream-tool.js';
import type { WindowsTree } from './windows-tree.js';

// wimlib looks paths up case-sensitively on Linux unless told otherwise (wimlib-imagex(1),
// WIMLIB_IMAGEX_IGNORE_CASE): the lookup asks it to ignore case, and `dir --one-file-only`
// answers with the path as the image spells it.
const IGNORE_CASE = { WIMLIB_IMAGEX_IGNORE_CASE: '1' };
const LISTING_LIMIT = 256 * 1024 * 1024;

/** The tree of one image of a WIM, read with wimlib-imagex dir and extract (to stdout). */
export function openWimTree(wim: string, index: number, limits: InspectLimits, signal?: AbortSignal): WindowsTree {
  const label = `${wim}:${index}`;
  const run = (args: string[], what: string, maxBytes = 1024 * 1024) => {
    let text = '';
    return streamTool('wimlib-imagex', args, textSink((chunk) => { text += chunk; }), { file: `${label} ${what}`, step: 'wim-read', maxBytes, timeoutMs: limits.toolTimeoutMs, env: IGNORE_CASE, signal })
      .then((result) => ({ ...result, text }));
  };
  return {
    ref: { label, kind: 'wim', path: wim, index },
    description: `WIM image ${index} of ${wim}`,
    async resolve(wanted) {
      const { failure, text } = await run(['dir', wim, String(index), `--path=${wanted}`, '--one-file-only'], wanted);
      // Exit 49: "The path does not exist in the WIM image" (measured, wimlib 1.13).
      if (failure) {
        if (failure.exitCode === 49 || /does not exist/i.test(failure.stderr)) return undefined;
        throw new UsageError(`Cannot read WIM image ${index} of ${wim}: ${failure.stderr}`, { step: 'wim-read' });
      }
      return text.split('\n')[0]?.trim() || undefined;
    },
    async listTop() {
      // `dir` lists the whole image depth-first; keep only the first level as it streams.
      const top = new Set<string>();
      let rest = '';
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          const lines = (rest + chunk.toString('utf8')).split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) {
            const name = /^\/([^/]+)$/.exec(line.trim())?.[1];
            if (name) top.add(name);
          }
          done();
        },
      });
      const { failure } = await streamTool('wimlib-imagex', ['dir', wim, String(index)], sink, { file: label, step: 'wim-read', maxBytes: LISTING_LIMIT, timeoutMs: limits.toolTimeoutMs, signal })
        .catch((error: unknown) => {
          if (error instanceof TooLargeError) return { failure: undefined };
          throw error;
        });
      if (failure) throw new UsageError(`Cannot list WIM image ${index} of ${wim}: ${failure.stderr}`, { step: 'wim-read' });
      return [...top].sort();
    },
    async extract(file, dest, maxBytes) {
      const { bytes, failure } = await streamToolToFile('wimlib-imagex', ['extract', wim, String(index), file, '--to-stdout', '--no-globs'], dest, {
        file: `${label} ${file}`, step: 'wim-extract', maxBytes, timeoutMs: limits.toolTimeoutMs, env: IGNORE_CASE, signal,
      }).catch((error: unknown) => {
        if (error instanceof TooLargeError) throw new UsageError(`${label} ${file} is larger than ${maxBytes} bytes: not read`, { step: 'wim-extract' });
        throw error;
      });
      if (failure) throw new UsageError(`Cannot extract ${file} from WIM image ${index} of ${wim}: ${failure.stderr}`, { step: 'wim-extract' });
      return bytes;
    },
  };
}
