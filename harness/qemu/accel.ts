import { constants } from 'node:fs';
import { access, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import tmp from 'tmp';
import { escapeOption } from './escape-option.js';
import type { Accel } from './types.js';
import { writeFileAtomic } from '../host/atomic.js';
import { cacheDir } from '../host/cache-dir.js';
import { ensureKernelTree } from '../host/kernel-package.js';

/** The `--accel` option: `auto` probes once whether KVM really runs a guest. */
export type AccelChoice = 'auto' | Accel;

/** The probe's verdict, with the reason (shown by `clonelab doctor`). */
export interface AccelVerdict {
  accel: Accel;
  reason: string;
  /** Host kernel release and QEMU version the verdict holds for. */
  key: string;
  probedAt: string;
}

const PROBE_DEADLINE_MS = 15_000;

/** What probeAccel reads: the environment (PATH for QEMU, the cache folder) and the KVM device. */
export interface AccelProbeOptions {
  /** Probe again even when a verdict for this host kernel and QEMU is cached. */
  refresh?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Default `/dev/kvm`. */
  kvmDevice?: string;
}

/** Resolves `--accel`: `kvm`/`tcg` as given, `auto` from the cached (or a fresh) probe. */
export async function resolveAccel(choice: AccelChoice, options: AccelProbeOptions = {}): Promise<Accel> {
  return choice === 'auto' ? (await probeAccel(options)).accel : choice;
}

/**
 * Decides whether KVM really works: a `/dev/kvm` that opens is not enough (nested hosts hang
 * guests), so the guest kernel must boot to its "no root" panic under KVM within a deadline.
 * The verdict is cached per host kernel and QEMU version.
 */
export async function probeAccel(options: AccelProbeOptions = {}): Promise<AccelVerdict> {
  const env = options.env ?? process.env;
  const key = `${os.release()} ${await qemuVersion(env)}`;
  const cacheFile = path.join(cacheDir(env), 'accel.json');
  if (!options.refresh) {
    const cached = await readCachedVerdict(cacheFile);
    if (cached?.key === key) return cached;
  }
  const verdict = { ...(await runProbe(env, options.kvmDevice ?? '/dev/kvm')), key, probedAt: new Date().toISOString() };
  await writeFileAtomic(cacheFile, `${JSON.stringify(verdict, null, 2)}\n`);
  return verdict;
}

async function runProbe(env: NodeJS.ProcessEnv, kvmDevice: string): Promise<Pick<AccelVerdict, 'accel' | 'reason'>> {
  try {
    await access(kvmDevice, constants.R_OK | constants.W_OK);
  } catch (error) {
    return { accel: 'tcg', reason: `${kvmDevice} cannot be opened (${(error as NodeJS.ErrnoException).code})` };
  }
  const { vmlinux } = await ensureKernelTree(cacheDir(env));
  const folder = tmp.dirSync({ prefix: 'clonelab-accel-', unsafeCleanup: true });
  const log = path.join(folder.name, 'console.log');
  try {
    const started = performance.now();
    const result = await execa('qemu-system-x86_64', [
      '-nodefaults', '-no-user-config', '-machine', 'pc,accel=kvm', '-m', '128', '-display', 'none', '-no-reboot',
      '-kernel', vmlinux, '-append', 'console=ttyS0 panic=-1', '-chardev', `file,id=com1,path=${escapeOption(log)}`,
      '-serial', 'chardev:com1',
    ], { reject: false, timeout: PROBE_DEADLINE_MS, forceKillAfterDelay: 2000, all: true, env, extendEnv: false });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const console = await readFile(log, 'utf8').catch(() => '');
    if (result.timedOut) return { accel: 'tcg', reason: `a KVM guest did not finish booting within ${PROBE_DEADLINE_MS / 1000} s (nested virtualization hangs)` };
    if (!console.includes('Kernel panic')) {
      return { accel: 'tcg', reason: `KVM guest did not reach its kernel (exit ${result.exitCode}): ${(result.all ?? '').trim().split('\n').at(-1) ?? ''}` };
    }
    return { accel: 'kvm', reason: `a KVM guest booted its kernel in ${seconds} s` };
  } finally {
    await rm(folder.name, { recursive: true, force: true });
  }
}

/** The first line of `qemu-system-x86_64 --version` (the one on `env`'s PATH). */
export async function qemuVersion(env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await execa('qemu-system-x86_64', ['--version'], { reject: false, ...(env ? { env, extendEnv: false } : {}) });
  return result.stdout.split('\n')[0]?.trim() || 'unknown QEMU';
}

async function readCachedVerdict(file: string): Promise<AccelVerdict | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as AccelVerdict;
  } catch {
    return undefined;
  }
}
