import { parseArgs } from 'node:util';
import { invalidInput } from '../../harness/errors/errors.js';

/** What `npm run bench -- …` asks for. */
export interface BenchArgs {
  /** Reduced run (under a minute): fewer boots, smaller fleets, a smaller tree. */
  quick: boolean;
  /** Run the built-in library once (section 7, minutes): alone, or beside the sections `--only` names. */
  library: boolean;
  /** Only these sections (1–7); default 1–6, or 7 alone with `--library`. */
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
      options: { quick: { type: 'boolean', default: false }, library: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string', default: 'bench/results.json' } },
    });
  } catch (error) {
    throw invalidInput('bench arguments', '--quick, --library, --only 1,2,…, --out FILE', argv.join(' '), { hint: (error as Error).message });
  }
  const { quick = false, library = false, only, out = 'bench/results.json' } = parsed.values;
  const named = only === undefined ? (library ? [] : [1, 2, 3, 4, 5, 6]) : only.split(',').map((part) => Number(part.trim()));
  if ((only !== undefined && named.length === 0) || named.some((section) => !Number.isInteger(section) || section < 1 || section > 7)) {
    throw invalidInput('--only', 'a comma-separated list of sections 1 to 7', only);
  }
  const sections = library ? [...named, 7] : named;
  if (out.trim() === '') throw invalidInput('--out', 'a file path', out);
  return { quick, library, only: [...new Set(sections)].sort(), out };
}
