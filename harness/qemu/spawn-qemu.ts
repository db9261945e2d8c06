import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { InfrastructureError } from '../errors/errors.js';
import { describeConfinement } from './build-args.js';
import { writeRunScript } from './runqemu-script.js';
import type { QemuCommand } from './types.js';
import { DEFAULT_GRACE_MS, type QemuVmOptions } from './vm-options.js';

/** A QEMU process that started, and its repro script. */
export interface SpawnedQemu {
  subprocess: ResultPromise;
  pid: number;
  runScript: string;
}

/**
 * Writes the repro script, then starts QEMU (looked up on PATH) with the owner's signal as execa's
 * `cancelSignal`: an abort sends SIGTERM, then SIGKILL after the grace period, even when nobody
 * waits on the VM any more. Rejects when the signal was already aborted or QEMU could not start.
 */
export async function spawnQemu(command: QemuCommand, options: QemuVmOptions): Promise<SpawnedQemu> {
  if (options.signal?.aborted) {
    throw new InfrastructureError(`VM "${options.name}" was not started: the run was canceled`, { step: 'vm-start', machine: options.machine, isCanceled: true });
  }
  await mkdir(options.workDir, { recursive: true });
  const runScript = await writeRunScript(path.join(options.workDir, 'runqemu.sh'), command.binary, command.args, describeConfinement(command.confinement));
  const subprocess = execa(command.binary, command.args, {
    stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', buffer: false, reject: false,
    cancelSignal: options.signal, killSignal: 'SIGTERM', forceKillAfterDelay: options.graceMs ?? DEFAULT_GRACE_MS,
    // cleanup: execa (signal-exit) kills QEMU when this process exits or is killed by a signal.
    cleanup: true, env: options.env, extendEnv: options.env === undefined,
  });
  if (subprocess.pid === undefined) {
    const result = await subprocess;
    throw new InfrastructureError(`Could not start QEMU for VM "${options.name}" (${command.binary}): ${result.message ?? 'no process'}`, {
      step: 'vm-start', machine: options.machine, cause: result.cause,
      hint: 'Is qemu-system-x86 installed? `clonelab doctor` lists the host tools.',
    });
  }
  return { subprocess, pid: subprocess.pid, runScript };
}
