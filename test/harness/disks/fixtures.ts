// Shared test fixtures: a small source tree and a scratch folder per test.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import tmp from 'tmp';

/** Makes a scratch folder, removed after the test file's last test (tmp's exit hook does not run in ava workers, measured). */
export function makeScratch(): string {
  const scratch = tmp.dirSync({ unsafeCleanup: true, prefix: 'clonelab-test-' });
  test.after.always(() => scratch.removeCallback());
  return scratch.name;
}

/** A maker of new numbered folders below `scratch`, one per call (`0-name`, `1-name`, …). */
export function makeFreshDirs(scratch: string): (name: string) => Promise<string> {
  let count = 0;
  return async (name) => {
    const dir = path.join(scratch, `${count++}-${name}`);
    await mkdir(dir, { recursive: true });
    return dir;
  };
}

/** Writes a small tree: nested folders, a long name, mixed case, and `randomBytes` of incompressible data. */
export async function makeTree(root: string, randomBytes = 200_000, seed = 1): Promise<string> {
  await mkdir(path.join(root, 'Boot', 'Deep'), { recursive: true });
  await writeFile(path.join(root, 'MARKER.TXT'), `marker ${seed}\n`);
  await writeFile(path.join(root, 'Boot', 'Long File Name.cfg'), 'timeout=0\n'.repeat(100));
  await writeFile(path.join(root, 'Boot', 'Deep', 'MixedCase.Data'), Buffer.alloc(10_000, 7));
  await writeFile(path.join(root, 'random.bin'), pseudoRandom(randomBytes, seed));
  return root;
}

/** Deterministic incompressible bytes. */
export function pseudoRandom(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed * 2654435761 >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0;
    out[i] = state & 0xff;
  }
  return out;
}

/** SHA-256 of a file, to prove a master was not written. */
export async function hashFile(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}
