import { chown, copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { QmpSession } from './qmp-session.js';
import type { QemuUser } from './types.js';

/**
 * Saves a picture of the display to `file` (PNG where QEMU can, else PPM; returns which). QEMU
 * writes the file itself: one that switched users (`-runas`) cannot write into folders of the user
 * that started it, so it writes into a folder of its own user, copied from there.
 */
export async function takeScreendumpAs(qmp: QmpSession, file: string, user: QemuUser | undefined): Promise<'png' | 'ppm'> {
  if (!user) return qmp.screendump(file);
  const dropDir = await mkdtemp(path.join(os.tmpdir(), 'clonelab-screen-'));
  try {
    await chown(dropDir, user.uid, user.gid);
    const dropped = path.join(dropDir, 'screen');
    const format = await qmp.screendump(dropped);
    await copyFile(dropped, file);
    return format;
  } finally {
    await rm(dropDir, { recursive: true, force: true });
  }
}
