import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The longest unix socket path Linux takes: sun_path is 108 bytes including the terminating NUL. */
export const MAX_SOCKET_PATH = 107;

/**
 * The QMP socket of a VM: in its work folder when the path fits a unix socket, else a short
 * path in the temporary folder named after the work folder (deep CI workspaces are common).
 */
export function qmpSocketPath(workDir: string): string {
  const preferred = path.join(workDir, 'qmp.sock');
  if (Buffer.byteLength(preferred) <= MAX_SOCKET_PATH) return preferred;
  return path.join(tmpdir(), `clonelab-${createHash('sha256').update(workDir).digest('hex').slice(0, 16)}.sock`);
}
