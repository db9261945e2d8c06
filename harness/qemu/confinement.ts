import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { QEMU_BINARY, sandboxOption } from './build-args.js';
import type { QemuConfinement, QemuUser } from './types.js';
import { qemuVersion } from './accel.js';
import { writeFileAtomic } from '../host/atomic.js';
import { cacheDir } from '../host/cache-dir.js';
import { findExecutable } from '../host/find-executable.js';

/** The probe's verdict: the confinement, and what it holds for. */
export interface ConfinementVerdict extends QemuConfinement {
  /** QEMU binary and version, host kernel, uid and user setting the verdict holds for. */
  key: string;
  probedAt: string;
}

/** The user QEMU switches to when clonelab runs as root, unless `$CLONELAB_QEMU_USER` names another (or `none`). */
export const DEFAULT_QEMU_USER = 'nobody';

const PROBE_DEADLINE_MS = 15_000;
// Verdicts kept in the cache file, newest first: another QEMU on PATH (a test's fake, a second
// build) gets its own and does not evict this host's.
const MAX_CACHED = 8;
// No machine, no display, told over stdio QMP to quit: QEMU starts (installs its seccomp filter,
// switches users) as a VM does, then ends by itself (~0.3 s under TCG).
const PROBE_ARGS = ['-machine', 'none', '-nodefaults', '-no-user-config', '-display', 'none', '-qmp', 'stdio'];
const QUIT = '{"execute":"qmp_capabilities"}\n{"execute":"quit"}\n';

const verdicts = new Map<string, Promise<ConfinementVerdict>>();

/**
 * The confinement every VM's argv carries: the cached (or a fresh) probe's verdict, asked once
 * per process for a given QEMU (`env`'s PATH), cache folder and user setting.
 * @example const command = buildQemuArgs({ ...input, confinement: await resolveConfinement() });
 */
export async function resolveConfinement(options: { env?: NodeJS.ProcessEnv } = {}): Promise<QemuConfinement> {
  const env = options.env ?? process.env;
  const id = [env.PATH ?? '', cacheDir(env), env.CLONELAB_QEMU_USER ?? ''].join('\0');
  let pending = verdicts.get(id);
  if (!pending) {
    pending = probeConfinement({ env });
    verdicts.set(id, pending);
    pending.catch(() => verdicts.delete(id));
  }
  const { sandbox, runAs, why } = await pending;
  return { sandbox, ...(runAs ? { runAs } : {}), why };
}

/**
 * Decides how QEMU is confined on this host, by starting it: `-sandbox` where this QEMU build
 * and the host kernel accept its seccomp filter; `-runas` where clonelab runs as root and QEMU
 * can switch to an unprivileged user. The verdict is cached per QEMU binary and version, host
 * kernel, uid and user setting.
 * @example const { sandbox, runAs, why } = await probeConfinement({ refresh: true });
 */
export async function probeConfinement(options: { refresh?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<ConfinementVerdict> {
  const env = options.env ?? process.env;
  const userSetting = env.CLONELAB_QEMU_USER?.trim() || DEFAULT_QEMU_USER;
  const uid = process.getuid?.();
  const binary = findExecutable(QEMU_BINARY, env) ?? QEMU_BINARY;
  const key = `${binary} (${await qemuVersion(env)}), kernel ${os.release()}, uid ${uid ?? 'none'}, user ${userSetting}`;
  const cacheFile = path.join(cacheDir(env), 'confinement.json');
  const cached = await readCachedVerdicts(cacheFile);
  const hit = cached.find((verdict) => verdict.key === key);
  if (hit && !options.refresh) return hit;
  const verdict = { ...(await runProbe(env, uid, userSetting)), key, probedAt: new Date().toISOString() };
  const kept = [verdict, ...cached.filter((other) => other.key !== key)].slice(0, MAX_CACHED);
  await writeFileAtomic(cacheFile, `${JSON.stringify(kept, null, 2)}\n`);
  return verdict;
}

async function runProbe(env: NodeJS.ProcessEnv, uid: number | undefined, userSetting: string): Promise<QemuConfinement> {
  const sandboxed = await startAndQuit(env, ['-sandbox', sandboxOption(false)]);
  const sandbox = sandboxed === undefined;
  const whySandbox = sandbox ? 'this QEMU and the host kernel accept its seccomp filter' : `QEMU refused -sandbox: ${sandboxed}`;
  const user = await chooseUser(uid, userSetting);
  if (typeof user === 'string') return { sandbox, why: { sandbox: whySandbox, runAs: user } };
  const switched = await startAndQuit(env, [...(sandbox ? ['-sandbox', sandboxOption(true)] : []), '-runas', user.name]);
  if (switched !== undefined) {
    return { sandbox, why: { sandbox: whySandbox, runAs: `started as root, but QEMU could not switch to ${user.name}: ${switched}` } };
  }
  return {
    sandbox, runAs: user,
    why: { sandbox: whySandbox, runAs: `started as root: QEMU switches to ${user.name} (uid ${user.uid}) once its disks, logs and sockets are open` },
  };
}

// The unprivileged user QEMU should switch to, or why there is none.
async function chooseUser(uid: number | undefined, setting: string): Promise<QemuUser | string> {
  if (uid === undefined) return 'this host has no POSIX user ids';
  if (uid !== 0) return `not started as root: QEMU runs as this user (uid ${uid})`;
  if (setting === 'none') return 'CLONELAB_QEMU_USER=none: QEMU keeps root';
  const [ids, groups] = await Promise.all([execa('id', ['-u', setting], { reject: false }), execa('id', ['-g', setting], { reject: false })]);
  if (ids.exitCode !== 0 || groups.exitCode !== 0) {
    return `started as root, but there is no user "${setting}" to switch to (set CLONELAB_QEMU_USER to an unprivileged user)`;
  }
  const user = { name: setting, uid: Number(ids.stdout.trim()), gid: Number(groups.stdout.trim()) };
  if (user.uid === 0) return `started as root, but user "${setting}" is root too (set CLONELAB_QEMU_USER to an unprivileged user)`;
  return user;
}

// Starts QEMU with `extra` options and tells it to quit; undefined when it did, else what went wrong.
async function startAndQuit(env: NodeJS.ProcessEnv, extra: string[]): Promise<string | undefined> {
  const result = await execa(QEMU_BINARY, [...extra, ...PROBE_ARGS], {
    input: QUIT, reject: false, timeout: PROBE_DEADLINE_MS, forceKillAfterDelay: 2000, env, extendEnv: false,
  });
  if (result.exitCode === 0 && result.stdout.includes('"QMP"')) return undefined;
  if (result.timedOut) return `it did not quit within ${PROBE_DEADLINE_MS / 1000} s`;
  const how = result.signal ? `killed by ${result.signal}` : result.exitCode === undefined ? result.shortMessage : `exit ${result.exitCode}`;
  const said = result.stderr.trim().split('\n').at(-1) ?? '';
  return said ? `${how}: ${said}` : how;
}

async function readCachedVerdicts(file: string): Promise<ConfinementVerdict[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return Array.isArray(parsed) ? (parsed as ConfinementVerdict[]) : [];
  } catch {
    return [];
  }
}
