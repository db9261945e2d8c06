import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * Writes a report file atomically (write-file-atomic: a temporary file, fsync, rename), making its
 * folder first: a reader never sees half a report, and a crash leaves the previous one.
 * @example await writeReportFile(path.join(outDir, 'junit.xml'), xml);
 */
export async function writeReportFile(file: string, data: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, data);
}
