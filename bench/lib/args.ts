import { parseArgs } from 'node:util';
import { invalidInput } from '../../harness/errors/errors.js';

/** What `npm run bench -- …` asks for. */
export interface BenchArgs {
  /** Reduced run (under a minute): fewer boots, smaller fleets, a smaller tree. */
  quick: boolean;
  /** Measure harness overhead during the whole built-in library instead of the 16-clone fleet (many minutes). */
  library: boolean;
  /** Only these sections (1–6); default all. */
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
  const sections = only === undefined ? [1, 2, 3, 4, 5, 6] : only.split(',').map((part) => Number(part.trim()));
  if (sections.length === 0 || sections.some((section) => !Number.isInteger(section) || section < 1 || section > 6)) {
    throw invalidInput('--only', 'a comma-separated list of sections 1 to 6', only);
  }
  if (out.trim() === '') throw invalidInput('--out', 'a file path', out);
  return { quick, library, only: [...new Set(sections)].sort(), out };
}
