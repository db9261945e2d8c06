import { execa } from 'execa';
import { InfrastructureError } from '../errors/errors.js';
import { ensureKernelTree, type KernelTree } from './kernel-package.js';
import { findHostTool, hostTools } from './tools.js';

/** What the bootstrap found and did. */
export interface BootstrapReport {
  installedPackages: string[];
  kernel: KernelTree;
}

/** The Debian packages whose tools are missing from this host. */
export function listMissingPackages(env: NodeJS.ProcessEnv = process.env): string[] {
  const missing = hostTools.filter((tool) => findHostTool(tool, env) === undefined).map((tool) => tool.debianPackage);
  return [...new Set(missing)];
}

/** The exact command that installs the given packages. */
export function installCommand(packages: readonly string[]): string[] {
  return ['apt-get', 'install', '-y', '--no-install-recommends', ...packages];
}

/**
 * Makes the host ready: installs missing Debian packages (as root, with apt-get), then makes
 * sure the kernel package is cached and unpacked. Idempotent; fast when all is present.
 */
export async function bootstrapHost(log: (line: string) => void = () => {}): Promise<BootstrapReport> {
  const missing = listMissingPackages();
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) {
      throw new InfrastructureError(`Missing host packages: ${missing.join(', ')}`, {
        step: 'bootstrap', hint: `Run as root: apt-get update && ${installCommand(missing).join(' ')}`,
      });
    }
    log(`installing ${missing.join(' ')} with apt-get`);
    await runApt(['apt-get', 'update', '-qq']);
    await runApt(installCommand(missing));
    const stillMissing = listMissingPackages();
    if (stillMissing.length > 0) {
      throw new InfrastructureError(`apt-get installed nothing for: ${stillMissing.join(', ')}`, { step: 'bootstrap' });
    }
  }
  const kernel = await ensureKernelTree().catch(async (error: unknown) => {
    if (process.getuid?.() !== 0) throw error;
    // Fresh machines have empty package lists: refresh once, then try again.
    log('refreshing apt package lists to find linux-image-amd64');
    await runApt(['apt-get', 'update', '-qq']);
    return ensureKernelTree();
  });
  return { installedPackages: missing, kernel };
}

async function runApt(argv: string[]): Promise<void> {
  const [command = 'apt-get', ...args] = argv;
  const result = await execa(command, args, { reject: false, all: true, env: { DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.exitCode !== 0) {
    const tail = (result.all ?? '').trim().split('\n').slice(-5).join('\n');
    throw new InfrastructureError(`${argv.join(' ')} failed with exit code ${result.exitCode}:\n${tail}`, { step: 'bootstrap' });
  }
}
