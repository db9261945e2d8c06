import { once } from 'node:events';
import { access, chown, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { InfrastructureError, invalidInput } from '../errors/errors.js';
import { BoundedTail } from './bounded-tail.js';
import { describeConfinement } from './build-args.js';
import { LogFollower, type LogLimits } from './log-follower.js';
import { QmpSession } from './qmp-session.js';
import { writeRunScript } from './runqemu-script.js';
import type { QemuCommand, QemuConfinement, VmChannels } from './types.js';
import { registerVmProcess, unregisterVmProcess } from './vm-registry.js';
import type { VmResult } from './vm-result.js';

export type { VmResult } from './vm-result.js';

/** Options of `QemuVm.start`. */
export interface QemuVmOptions {
  /** VM name, used in every message. */
  name: string;
  /** Folder for the repro script (`runqemu.sh`); created if missing. */
  workDir: string;
  /** Where COM1, COM2 and QMP go: the same paths the command was built with. */
  channels: VmChannels;
  /** Aborting it stops the VM (SIGTERM, then SIGKILL after `graceMs`) and fails pending waits. */
  signal?: AbortSignal;
  /** Grace between SIGTERM and SIGKILL when the VM is stopped (default 3000 ms). */
  graceMs?: number;
  /** Environment of QEMU (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Hardware model name, carried by errors. */
  machine?: string;
  /** Bounds of the agent channel (COM2), which carries untrusted guest output. */
  agentLimits?: LogLimits;
}

/** Options of the `waitFor…` steps. */
export interface WaitOptions {
  timeoutMs: number;
  /** What is awaited, in words, for the error message (default: the pattern). */
  what?: string;
  /** On timeout, `stop` (default) ends the VM before rejecting; `keep` leaves it running (e.g. for a screendump). */
  onTimeout?: 'stop' | 'keep';
}

interface ExitFacts {
  exitCode?: number;
  signal?: string;
  at: number;
}

const OUTPUT_TAIL_BYTES = 64 * 1024;
const POLL_MS = 50;
const TAIL_LINES = 12;
const MAX_SHOWN_LINE = 240;

/**
 * A running QEMU VM, with an API that reads like test steps (as the NixOS test driver's).
 * @example
 * const vm = await QemuVm.start(buildQemuArgs(input), { name: 'vm1', workDir, channels: input.channels, signal });
 * await vm.waitForConsoleText('Linux version', { timeoutMs: 30_000 });
 * const report = await vm.waitForAgentLine((line) => line.includes('"probe"'), { timeoutMs: 60_000, what: 'the probe report' });
 * const result = await vm.waitForExit({ timeoutMs: 30_000 });
 */
export class QemuVm {
  readonly name: string;
  readonly pid: number;
  readonly runScript: string;
  readonly channels: VmChannels;
  readonly #options: QemuVmOptions;
  readonly #confinement: QemuConfinement;
  readonly #subprocess: ResultPromise;
  readonly #stderr = new BoundedTail(OUTPUT_TAIL_BYTES);
  readonly #stdout = new BoundedTail(OUTPUT_TAIL_BYTES);
  readonly #console: LogFollower;
  readonly #agent: LogFollower;
  readonly #startedAt = performance.now();
  readonly #exit: Promise<ExitFacts>;
  #exited: ExitFacts | undefined;
  #consoleCursor = 0;
  #agentCursor = 0;
  #timedOut = false;
  #stopping: Promise<VmResult> | undefined;
  #qmp: Promise<QmpSession> | undefined;

  private constructor(subprocess: ResultPromise, runScript: string, options: QemuVmOptions, confinement: QemuConfinement) {
    this.name = options.name;
    this.#confinement = confinement;
    this.pid = subprocess.pid as number;
    this.runScript = runScript;
    this.channels = options.channels;
    this.#options = options;
    this.#subprocess = subprocess;
    this.#console = new LogFollower(options.channels.consoleLog, { maxLineBytes: 64 * 1024, maxLines: 10_000 });
    this.#agent = new LogFollower(options.channels.agentLog, options.agentLimits);
    subprocess.stdout?.on('data', (chunk: Buffer) => this.#stdout.push(chunk));
    subprocess.stderr?.on('data', (chunk: Buffer) => this.#stderr.push(chunk));
    registerVmProcess(this.pid, this.name);
    this.#exit = this.#trackExit();
  }

  /** Starts QEMU (the binary is looked up on PATH) after writing its repro script; resolves once it runs. */
  static async start(command: QemuCommand, options: QemuVmOptions): Promise<QemuVm> {
    validateOptions(options);
    if (options.signal?.aborted) {
      throw new InfrastructureError(`VM "${options.name}" was not started: the run was canceled`, { phase: 'vm-start', machine: options.machine, isCanceled: true });
    }
    await mkdir(options.workDir, { recursive: true });
    const runScript = await writeRunScript(path.join(options.workDir, 'runqemu.sh'), command.binary, command.args, describeConfinement(command.confinement));
    const graceMs = options.graceMs ?? 3000;
    const subprocess = execa(command.binary, command.args, {
      stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', buffer: false, reject: false,
      cancelSignal: options.signal, killSignal: 'SIGTERM', forceKillAfterDelay: graceMs,
      // cleanup: execa (signal-exit) kills QEMU when this process exits or is killed by a signal.
      cleanup: true, env: options.env, extendEnv: options.env === undefined,
    });
    if (subprocess.pid === undefined) {
      const result = await subprocess;
      throw new InfrastructureError(`Could not start QEMU for VM "${options.name}" (${command.binary}): ${result.message ?? 'no process'}`, {
        phase: 'vm-start', machine: options.machine, cause: result.cause,
        hint: 'Is qemu-system-x86 installed? `clonelab doctor` lists the host tools.',
      });
    }
    return new QemuVm(subprocess, runScript, options, command.confinement);
  }

  /**
   * Waits until a console (COM1) line matches, reading on from where the last console wait
   * stopped. Resolves with the matching line.
   */
  async waitForConsoleText(pattern: string | RegExp, options: WaitOptions): Promise<string> {
    const test = typeof pattern === 'string' ? (line: string) => line.includes(pattern) : (line: string) => pattern.test(line);
    const what = options.what ?? `console text ${String(typeof pattern === 'string' ? JSON.stringify(pattern) : pattern)}`;
    return this.#waitForLine('console', test, { ...options, what });
  }

  /** Waits until an agent (COM2) line satisfies `predicate`, reading on from the last agent wait. */
  async waitForAgentLine(predicate: (line: string) => boolean, options: WaitOptions): Promise<string> {
    return this.#waitForLine('agent', predicate, { ...options, what: options.what ?? 'an agent line' });
  }

  /** The agent lines (COM2) read so far; complete once QEMU exited (bounded: over-long lines are cut, old lines dropped). */
  agentLines(): string[] {
    return this.#agent.texts();
  }

  /** The agent lines with their truncation flags (a truncated line is evidence, not data). */
  agentLineRecords(): ReturnType<LogFollower['linesFrom']> {
    return this.#agent.linesFrom(0);
  }

  /** Reads what is new on both channels now (waits do this by themselves). */
  async refresh(): Promise<void> {
    await Promise.all([this.#console.poll(), this.#agent.poll()]);
  }

  /** The QMP session, connected on first use (retrying until QEMU has made the socket). */
  qmp(options: { timeoutMs?: number } = {}): Promise<QmpSession> {
    this.#qmp ??= this.#connectQmp(options.timeoutMs ?? 10_000).catch((error: unknown) => {
      this.#qmp = undefined;
      throw error;
    });
    return this.#qmp;
  }

  /**
   * Saves a picture of the display to `file` (PNG where QEMU can, else PPM; returns which).
   * QEMU writes the file itself: one that switched users (`-runas`) cannot write into folders
   * of the user that started it, so it writes into a folder of its own user, copied from there.
   */
  async screendump(file: string, options: { timeoutMs?: number } = {}): Promise<'png' | 'ppm'> {
    const qmp = await this.qmp(options);
    const user = this.#confinement.runAs;
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

  /**
   * Waits until QEMU exits by itself (guest power-off, `quit`); on timeout the VM is stopped and
   * the result says `timedOut`. QEMU failing on its own (non-zero exit) is an InfrastructureError.
   */
  async waitForExit(options: { timeoutMs: number }): Promise<VmResult> {
    if (!Number.isFinite(options.timeoutMs) || options.timeoutMs < 0) throw invalidInput('timeoutMs', 'a non-negative number of milliseconds', options.timeoutMs);
    const exited = await this.#race(options.timeoutMs);
    if (!exited && !this.#exited) {
      if (!this.#options.signal?.aborted) this.#timedOut = true;
      return this.stop();
    }
    const result = await this.#result();
    if (this.#stopping || result.canceled) return result;
    if (result.exitCode !== 0) throw this.#exitError('it was waited for to exit');
    return result;
  }

  /** Stops the VM: SIGTERM, then SIGKILL after the grace period. Resolves when QEMU is gone. */
  stop(options: { graceMs?: number } = {}): Promise<VmResult> {
    this.#stopping ??= this.#terminate(options.graceMs ?? this.#options.graceMs ?? 3000);
    return this.#stopping;
  }

  /** Kills the VM at once (SIGKILL). Resolves when QEMU is gone. */
  kill(): Promise<VmResult> {
    return this.stop({ graceMs: 0 });
  }

  /** True once QEMU has exited. */
  get exited(): boolean {
    return this.#exited !== undefined;
  }

  /** The last bytes QEMU wrote to stderr. */
  stderrTail(): string {
    return this.#stderr.text();
  }

  async #terminate(graceMs: number): Promise<VmResult> {
    if (!this.#exited) {
      if (graceMs > 0) {
        this.#signal('SIGTERM');
        if (!(await this.#race(graceMs, false))) this.#signal('SIGKILL');
      } else {
        this.#signal('SIGKILL');
      }
    }
    await this.#exit;
    return this.#result();
  }

  #signal(signal: NodeJS.Signals): void {
    try {
      process.kill(this.pid, signal);
    } catch {
      // already gone
    }
  }

  async #trackExit(): Promise<ExitFacts> {
    const [exitCode, signal] = (await once(this.#subprocess, 'exit')) as [number | null, NodeJS.Signals | null];
    // Let the stderr pipe drain (bounded: a grandchild could keep it open).
    await settleWithin(this.#subprocess, 1000);
    // Read both channels to the end, so agentLines() and the results are complete after an exit.
    await this.refresh().catch(() => undefined);
    this.#console.flush();
    this.#agent.flush();
    this.#exited = { at: performance.now(), ...(exitCode === null ? {} : { exitCode }), ...(signal === null ? {} : { signal }) };
    unregisterVmProcess(this.pid);
    // A QEMU that switched users cannot remove its socket from a folder of the user that started it.
    if (this.#confinement.runAs) await rm(this.channels.qmpSocket, { force: true }).catch(() => undefined);
    // Close QMP before anyone sees the exit (bounded: a connect in flight gives up by itself).
    if (this.#qmp) await settleWithin(this.#qmp.then((session) => session.close()), 1000);
    return this.#exited;
  }

  async #result(): Promise<VmResult> {
    const facts = await this.#exit;
    return {
      ...(facts.exitCode === undefined ? {} : { exitCode: facts.exitCode }),
      ...(facts.signal === undefined ? {} : { signal: facts.signal }),
      timedOut: this.#timedOut,
      canceled: this.#options.signal?.aborted ?? false,
      durationMs: Math.round(facts.at - this.#startedAt),
      consoleLog: this.channels.consoleLog,
      agentLog: this.channels.agentLog,
      runScript: this.runScript,
      stderrTail: this.#stderr.text(),
    };
  }

  // Resolves true when QEMU exited within `ms`, false on timeout (or on abort, when `watchAbort`).
  async #race(ms: number, watchAbort = true): Promise<boolean> {
    if (this.#exited) return true;
    const controller = new AbortController();
    const signals = [controller.signal, ...(watchAbort && this.#options.signal ? [this.#options.signal] : [])];
    try {
      return await Promise.race([
        this.#exit.then(() => true),
        sleep(ms, false, { signal: AbortSignal.any(signals) }).catch(() => false),
      ]);
    } finally {
      controller.abort();
    }
  }

  async #waitForLine(channel: 'console' | 'agent', test: (line: string) => boolean, options: WaitOptions & { what: string }): Promise<string> {
    if (!Number.isFinite(options.timeoutMs) || options.timeoutMs < 0) throw invalidInput('timeoutMs', 'a non-negative number of milliseconds', options.timeoutMs);
    const follower = channel === 'console' ? this.#console : this.#agent;
    const deadline = performance.now() + options.timeoutMs;
    for (;;) {
      const exitedBefore = this.#exited !== undefined;
      await follower.poll();
      if (exitedBefore) follower.flush();
      const cursor = channel === 'console' ? this.#consoleCursor : this.#agentCursor;
      const hit = follower.linesFrom(cursor).find((line) => test(line.text));
      const next = hit ? hit.index + 1 : follower.nextIndex;
      if (channel === 'console') this.#consoleCursor = next;
      else this.#agentCursor = next;
      if (hit) return hit.text;
      if (exitedBefore) throw this.#exitError(`${options.what} appeared on the ${describeChannel(channel)}`);
      if (this.#options.signal?.aborted) {
        await this.stop();
        throw new InfrastructureError(`Canceled while waiting for ${options.what} on VM "${this.name}"`, { phase: 'vm', machine: this.#options.machine, isCanceled: true });
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        await this.refresh();
        if (options.onTimeout !== 'keep') {
          this.#timedOut = true;
          await this.stop();
        }
        throw new InfrastructureError(
          `Timed out after ${options.timeoutMs} ms waiting for ${options.what} on the ${describeChannel(channel)} of VM "${this.name}".` +
            `${this.#describeTails(channel)}`,
          { phase: 'vm', machine: this.#options.machine, timedOut: true },
        );
      }
      await this.#race(Math.min(POLL_MS, remaining));
    }
  }

  async #connectQmp(timeoutMs: number): Promise<QmpSession> {
    const deadline = performance.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      if (this.#exited) throw this.#exitError('its QMP socket answered');
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        throw new InfrastructureError(`QMP socket ${this.channels.qmpSocket} of VM "${this.name}" did not answer within ${timeoutMs} ms`, {
          phase: 'qmp', machine: this.#options.machine, timedOut: true, cause: lastError,
        });
      }
      try {
        await access(this.channels.qmpSocket);
        return await QmpSession.connect(this.channels.qmpSocket, { timeoutMs: remaining, name: `VM "${this.name}"` });
      } catch (error) {
        lastError = error;
      }
      await this.#race(Math.min(POLL_MS, remaining));
    }
  }

  #exitError(before: string): InfrastructureError {
    const facts = this.#exited ?? { at: 0 };
    const how = facts.signal ? `was killed by ${facts.signal}` : `exited with exit code ${facts.exitCode}`;
    const stderr = this.#stderr.text().trim();
    return new InfrastructureError(
      `QEMU of VM "${this.name}" ${how} before ${before}.${stderr ? `\nQEMU stderr (last lines):\n${indent(lastLines(stderr.split('\n')))}` : ' QEMU wrote nothing to stderr.'}` +
        `${this.#describeTails('console')}\nRepro: ${this.runScript}`,
      { phase: 'vm', machine: this.#options.machine },
    );
  }

  #describeTails(channel: 'console' | 'agent'): string {
    const parts = [describeTail('console (COM1)', this.#console.tail(TAIL_LINES))];
    if (channel === 'agent') parts.push(describeTail('agent channel (COM2)', this.#agent.tail(TAIL_LINES)));
    return parts.join('');
  }
}

// Waits until `promise` settles (either way), but at most `ms`; leaves no timer behind.
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  const controller = new AbortController();
  try {
    await Promise.race([promise.catch(() => undefined), sleep(ms, undefined, { signal: controller.signal }).catch(() => undefined)]);
  } finally {
    controller.abort();
  }
}

function validateOptions(options: QemuVmOptions): void {
  if (typeof options.name !== 'string' || options.name.trim() === '') throw invalidInput('VM name', 'a non-empty string', options.name);
  if (typeof options.workDir !== 'string' || options.workDir === '') throw invalidInput('VM workDir', 'a folder path', options.workDir);
  for (const key of ['consoleLog', 'agentLog', 'qmpSocket'] as const) {
    if (typeof options.channels?.[key] !== 'string' || options.channels[key] === '') throw invalidInput(`VM channels.${key}`, 'a file path', options.channels?.[key]);
  }
  if (options.graceMs !== undefined && (!Number.isFinite(options.graceMs) || options.graceMs < 0)) {
    throw invalidInput('graceMs', 'a non-negative number of milliseconds', options.graceMs);
  }
}

function describeChannel(channel: 'console' | 'agent'): string {
  return channel === 'console' ? 'console (COM1)' : 'agent channel (COM2)';
}

function describeTail(label: string, lines: string[]): string {
  if (lines.length === 0) return `\nThe ${label} is empty.`;
  return `\nLast lines of the ${label}:\n${indent(lines)}`;
}

function lastLines(lines: string[]): string[] {
  return lines.slice(-TAIL_LINES);
}

function indent(lines: string[]): string {
  return lines.map((line) => `  ${line.length > MAX_SHOWN_LINE ? `${line.slice(0, MAX_SHOWN_LINE)}…` : line}`).join('\n');
}
