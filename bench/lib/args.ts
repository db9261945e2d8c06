import { parseArgs } from 'node:util';
import { invalidInput } from '../../harness/errors/errors.js';

/** What `npm run bench -- …` asks for. */
export interface BenchArgs {
  /** Reduced run (under a minute): fewer boots, smaller fleets, a smaller tree. */
  quick: boolean;
  /** Run the built-in library once (section 7, minutes): alone, or beside the sections `--only` names. */
  library: boolean;
  /** Measure the Debian guest (section 8, issue 15; 10–20 minutes under TCG): alone, or beside the sections `--only` names. */
  debian: boolean;
  /** With `--debian`: build the Debian system again into a temporary cache instead of reading the cold time the cache entry recorded. */
  cold: boolean;
  /** Only these sections (1–8); default 1–6, or 7 / 8 alone with `--library` / `--debian`. */
  only: number[];
  /** Where to write the results JSON. */
  out: string;
}

/** Parses the bench's command line; throws a UsageError naming the bad flag. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: false, strict: true,
      options: {
        quick: { type: 'boolean', default: false }, library: { type: 'boolean', default: false }, debian: { type: 'boolean', default: false }, cold: { type: 'boolean', default: false },
        only: { type: 'string' }, out: { type: 'string', default: 'bench/results.json' },
      },
    });
  } catch (error) {
    throw invalidInput('bench arguments', '--quick, --library, --debian [--cold], --only 1,2,…, --out FILE', argv.join(' '), { hint: (error as Error).message });
  }
  const { quick = false, library = false, debian = false, cold = false, only, out = 'bench/results.json' } = parsed.values;
  if (cold && !debian) throw invalidInput('--cold', '--cold beside --debian (it rebuilds the Debian system)', argv.join(' '));
  const named = only === undefined ? (library || debian ? [] : [1, 2, 3, 4, 5, 6]) : only.split(',').map((part) => Number(part.trim()));
  if ((only !== undefined && named.length === 0) || named.some((section) => !Number.isInteger(section) || section < 1 || section > 8)) {
    throw invalidInput('--only', 'a comma-separated list of sections 1 to 8', only);
  }
  const sections = [...named, ...(library ? [7] : []), ...(debian ? [8] : [])];
  if (out.trim() === '') throw invalidInput('--out', 'a file path', out);
  return { quick, library, debian, cold, only: [...new Set(sections)].sort(), out };
}
