import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the reference guest keeps its stand-in for NTFS ACLs: one line per file, the owner SID
 * then the path (see guest/README.md). A comment line starts with `#`.
 */
export const DESCRIPTORS_PATH = 'system/security/descriptors';

/**
 * The descriptor file of a volume after a non-destructive apply: the WIM's entries, plus the
 * entries of the files the volume kept. On NTFS an ACL lives with its file, so a kept file keeps
 * its owner (often another machine's account) and a replaced file takes the WIM's; the stand-in
 * is one file, which the apply would otherwise replace whole by the WIM's copy. Paths compare
 * case-insensitively, as the apply's clash rule does.
 * @example mergeDescriptors('S-1-5-21-1-2-3-1000 users/a.txt\n', 'S-1-5-21-7-8-9-1000 data/b.txt\n', new Set(['data/b.txt']), new Set(['users/a.txt']))
 */
export function mergeDescriptors(incoming: string, existing: string, kept: ReadonlySet<string>, replaced: ReadonlySet<string>): { text: string; carried: number } {
  const described = new Set(parseDescriptors(incoming).map((entry) => entry.path.toLowerCase()));
  const carried = parseDescriptors(existing).filter((entry) => {
    const key = entry.path.toLowerCase();
    return kept.has(key) && !replaced.has(key) && !described.has(key);
  });
  const head = incoming.length === 0 || incoming.endsWith('\n') ? incoming : `${incoming}\n`;
  return { text: head + carried.map((entry) => `${entry.owner} ${entry.path}\n`).join(''), carried: carried.length };
}

/** The owner/path entries of a descriptor file (comment and malformed lines skipped). */
export function parseDescriptors(text: string): { owner: string; path: string }[] {
  return text.split('\n').flatMap((line) => {
    const match = /^\s*(S-\S+)\s+(\S.*?)\s*$/.exec(line);
    return match ? [{ owner: match[1] as string, path: (match[2] as string).replace(/^\/+/, '') }] : [];
  });
}

/**
 * Non-destructive apply, before the WIM tree is copied onto the volume: when both the WIM tree
 * and the volume have a descriptor file, writes the merged one into the WIM tree. Takes the file
 * lists as `/a/b` paths; returns how many entries of kept files were carried over.
 */
export async function keepExistingDescriptors(incomingRoot: string, existingRoot: string, incomingFiles: readonly string[], existingFiles: readonly string[]): Promise<number> {
  const key = `/${DESCRIPTORS_PATH}`;
  const incomingName = incomingFiles.find((file) => file.toLowerCase() === key);
  const existingName = existingFiles.find((file) => file.toLowerCase() === key);
  if (!incomingName || !existingName) return 0;
  const target = path.join(incomingRoot, incomingName.slice(1));
  const normalize = (files: readonly string[]): Set<string> => new Set(files.map((file) => file.slice(1).toLowerCase()));
  const { text, carried } = mergeDescriptors(
    await readFile(target, 'utf8'), await readFile(path.join(existingRoot, existingName.slice(1)), 'utf8'),
    normalize(existingFiles), normalize(incomingFiles),
  );
  if (carried > 0) await writeFile(target, text);
  return carried;
}
