import { mkdir } from 'node:fs/promises';
import { execa } from 'execa';
import { InfrastructureError } from '../../errors/errors.js';
import { MMDEBSTRAP_ENV } from './recipe.js';

const GRACE_MS = 10_000;
const TAIL_LINES = 12;

/** Runs mmdebstrap, passing its progress lines to `log`; a failure names the last lines it printed. */
export async function runMmdebstrap(args: readonly string[], options: { signal?: AbortSignal; log?: (line: string) => void }): Promise<void> {
  const tail: string[] = [];
  const subprocess = execa('mmdebstrap', args, {
    reject: false, all: true, buffer: false, env: { ...MMDEBSTRAP_ENV },
    ...(options.signal ? { cancelSignal: options.signal, killSignal: 'SIGTERM', forceKillAfterDelay: GRACE_MS } : {}),
  });
  let partial = '';
  subprocess.all?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      tail.push(line.slice(0, 500));
      if (tail.length > TAIL_LINES) tail.shift();
      if (line.startsWith('I: ') || line.startsWith('E: ') || line.startsWith('W: ')) options.log?.(`mmdebstrap: ${line.slice(0, 500)}`);
    }
  });
  const result = await subprocess;
  if (result.isCanceled) throw new InfrastructureError('mmdebstrap was canceled', { step: 'debian-build', cause: result, isCanceled: true });
  if (result.exitCode !== 0 || result.failed) {
    throw new InfrastructureError(`mmdebstrap failed (exit ${result.exitCode ?? 'none'}): ${[...tail, partial].filter(Boolean).slice(-4).join(' / ')}`, {
      step: 'debian-build', hint: 'It needs network access to the Debian mirror in /etc/apt/sources.list and runs as root (--mode=unshare).', cause: result,
    });
  }
}

/** Unpacks the root tarball as root, keeping owners, modes, xattrs and device nodes. */
export async function extractRootTar(tar: string, tree: string, signal?: AbortSignal): Promise<void> {
  await mkdir(tree, { recursive: true, mode: 0o755 });
  const result = await execa('tar', ['--numeric-owner', '--xattrs', '--xattrs-include=*', '-xpf', tar, '-C', tree], {
    reject: false, maxBuffer: 64 * 1024, ...(signal ? { cancelSignal: signal } : {}),
  });
  if (result.isCanceled) throw new InfrastructureError(`tar -x of ${tar} was canceled`, { step: 'debian-build', cause: result, isCanceled: true });
  if (result.exitCode !== 0) throw new InfrastructureError(`tar -x of ${tar} failed (exit ${result.exitCode ?? 'none'}): ${String(result.stderr).slice(-400)}`, { step: 'debian-build', cause: result });
}
