import { ClonelabError, UsageError } from '../errors/errors.js';

/**
 * Turns "disk full" failures into a clear error: a volume too small for the files (mtools says
 * "Disk full", wimlib "No space left") or a full temporary folder (ENOSPC) — the first is the
 * user's input, the second the host.
 */
export function explainFull(error: unknown, target: string): unknown {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') {
    return new ClonelabError(`No space left on the host while writing ${target} (or its temporary files in ${process.env.TMPDIR ?? '/tmp'}).`, { cause: error, hint: 'free space or set TMPDIR to a larger folder' });
  }
  if (/disk full|no space left|not enough space/i.test(text)) {
    return new UsageError(`The target volume of ${target} is too small for the files: ${text}`, { cause: error, hint: 'use a larger --size' });
  }
  return error;
}
