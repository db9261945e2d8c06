import { mkdir, readdir } from 'node:fs/promises';
import { execa } from 'execa';
import { InfrastructureError, UsageError } from '../errors/errors.js';
import { describeExt4Device, quoteHostPath, runDebugfs } from './ext4-debugfs.js';
import { TOOL_GRACE_MS } from './run-tool.js';

/**
 * Copies the whole tree of the ext4 filesystem at a byte offset into an empty host folder
 * (`debugfs rdump`), no mount. Measured with e2fsprogs 1.47.0 as root: owners, permission
 * bits, mtimes and symlinks are kept; setuid/setgid bits are LOST (rdump chowns after chmod),
 * extended attributes (file capabilities) are lost, hard links become separate copies, and
 * device nodes, FIFOs and sockets are skipped. So this is not a full-fidelity capture.
 *
 * The filesystem is checked first (`e2fsck -fn`): rdump writes below `destDir` by names read
 * from the image, and a damaged directory (two entries of one name, a symlink then a file)
 * could make it write through a symlink out of `destDir`. A filesystem with errors is refused.
 */
export async function dumpExt4Tree(disk: string, offsetBytes: number, destDir: string, signal?: AbortSignal): Promise<void> {
  await mkdir(destDir, { recursive: true });
  if ((await readdir(destDir)).length > 0) throw new UsageError(`Cannot dump an ext4 tree into ${destDir}: expected an empty folder, it holds files`);
  await checkExt4(disk, offsetBytes, signal);
  await runDebugfs(disk, offsetBytes, [`rdump / ${quoteHostPath(destDir)}`], { signal });
}

/** Checks the filesystem read-only (`e2fsck -fn`); throws naming the first problems when it is not clean. */
export async function checkExt4(disk: string, offsetBytes: number, signal?: AbortSignal): Promise<void> {
  const device = describeExt4Device(disk, offsetBytes);
  const result = await execa('e2fsck', ['-f', '-n', device], {
    reject: false, all: true, env: { LC_ALL: 'C' }, maxBuffer: 256 * 1024,
    ...(signal ? { cancelSignal: signal, killSignal: 'SIGTERM', forceKillAfterDelay: TOOL_GRACE_MS } : {}),
  });
  if (result.isCanceled) throw new InfrastructureError(`e2fsck on ${device} was canceled`, { step: 'ext4', cause: result, isCanceled: true });
  if (result.exitCode !== 0) {
    const lines = String(result.all ?? '').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('e2fsck ') && !line.startsWith('Pass '));
    throw new InfrastructureError(`The ext4 filesystem at byte ${offsetBytes} of ${disk} has errors (e2fsck -fn exit ${result.exitCode ?? 'none'}): ${lines.slice(0, 4).join(' / ').slice(0, 800)}`, { step: 'ext4', cause: result });
  }
}
