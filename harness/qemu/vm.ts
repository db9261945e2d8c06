import { rm } from 'node:fs/promises';
import { InfrastructureError } from '../errors/errors.js';
import { ChannelReader } from './channel-reader.js';
import { connectQmpWhenReady } from './connect-qmp.js';
import { LogFollower } from './log-follower.js';
import { QemuProcess } from './qemu-process.js';
import type { QmpSession } from './qmp-session.js';
import { takeScreendumpAs } from './screendump-as.js';
import { spawnQemu, type SpawnedQemu } from './spawn-qemu.js';
import type { QemuCommand, QemuConfinement, VmChannels } from './types.js';
import { settleWithin } from './vm-exit.js';
import { describeChannel, describeEarlyExit, describeTails, TAIL_LINES, type VmChannel } from './vm-messages.js';
import { DEFAULT_GRACE_MS, type QemuVmOptions, validateMs, validateVmOptions, type WaitOptions } from './vm-options.js';
import { toVmResult, type VmResult } from './vm-result.js';

export type { VmResult } from './vm-result.js';
export type { QemuVmOptions, WaitOptions } from './vm-options.js';

const POLL_MS = 50;

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
  readonly #console: ChannelReader;
  readonly #agent: ChannelReader;
  readonly #process: QemuProcess;
  #timedOut = false;
  #stopped = false;
  #qmp: Promise<QmpSession> | undefined;

  private constructor(spawned: SpawnedQemu, options: QemuVmOptions, confinement: QemuConfinement) {
    this.name = options.name;
    this.pid = spawned.pid;
    this.runScript = spawned.runScript;
    this.channels = options.channels;
    this.#options = options;
    this.#confinement = confinement;
    this.#console = new ChannelReader(new LogFollower(options.channels.consoleLog, { maxLineBytes: 64 * 1024, maxLines: 10_000 }));
    this.#agent = new ChannelReader(new LogFollower(options.channels.agentLog, options.agentLimits));
    // Both channels are read to the end before the exit is seen, so agentLines() is then complete.
    this.#process = new QemuProcess(spawned.subprocess, spawned.pid, this.name, async () => {
      await this.refresh();
      this.#console.follower.flush();
      this.#agent.follower.flush();
    });
    // A QEMU that switched users cannot remove its socket from a folder of the user that started it.
    if (confinement.runAs) this.#process.teardown.defer('remove the QMP socket', () => rm(this.channels.qmpSocket, { force: true }));
    // Bounded: a connect in flight gives up by itself once QEMU is gone.
    this.#process.teardown.defer('close the QMP session', () => this.#qmp && settleWithin(this.#qmp.then((session) => session.close()), 1000));
  }

  /** Starts QEMU (the binary is looked up on PATH) after writing its repro script; resolves once it runs. */
  static async start(command: QemuCommand, options: QemuVmOptions): Promise<QemuVm> {
    validateVmOptions(options);
    return new QemuVm(await spawnQemu(command, options), options, command.confinement);
  }

  /** Waits until a console (COM1) line matches, reading on from where the last console wait stopped; resolves with the line. */
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
    return this.#agent.follower.texts();
  }

  /** The agent lines with their truncation flags (a truncated line is evidence, not data). */
  agentLineRecords(): ReturnType<LogFollower['linesFrom']> {
    return this.#agent.follower.linesFrom(0);
  }

  /** Reads what is new on both channels now (waits do this by themselves). */
  async refresh(): Promise<void> {
    await Promise.all([this.#console.follower.poll(), this.#agent.follower.poll()]);
  }

  /** The QMP session, connected on first use (retrying until QEMU has made the socket). */
  qmp(options: { timeoutMs?: number } = {}): Promise<QmpSession> {
    this.#qmp ??= connectQmpWhenReady({
      socket: this.channels.qmpSocket, name: this.name, machine: this.#options.machine,
      // Canceled: QEMU is being stopped, no socket will come (and the pause below no longer waits).
      exitError: () => (this.#process.exited ? this.#exitError('its QMP socket answered')
        : this.#options.signal?.aborted ? new InfrastructureError(`Canceled while connecting to the QMP socket of VM "${this.name}"`, { step: 'vm', machine: this.#options.machine, isCanceled: true }) : undefined),
      pause: (ms) => this.#process.waitForExit(ms, this.#options.signal),
    }, options.timeoutMs ?? 10_000).catch((error: unknown) => { this.#qmp = undefined; throw error; }); // a later call retries
    return this.#qmp;
  }

  /** Saves a picture of the display to `file` (PNG where QEMU can, else PPM; returns which), whichever user QEMU runs as. */
  async screendump(file: string, options: { timeoutMs?: number } = {}): Promise<'png' | 'ppm'> {
    return takeScreendumpAs(await this.qmp(options), file, this.#confinement.runAs);
  }

  /**
   * Waits until QEMU exits by itself (guest power-off, `quit`); on timeout the VM is stopped and
   * the result says `timedOut`. QEMU failing on its own (non-zero exit) is an InfrastructureError.
   */
  async waitForExit(options: { timeoutMs: number }): Promise<VmResult> {
    validateMs('timeoutMs', options.timeoutMs);
    if (!(await this.#process.waitForExit(options.timeoutMs, this.#options.signal)) && !this.#process.exited) {
      if (!this.#options.signal?.aborted) this.#timedOut = true;
      return this.stop();
    }
    const result = await this.#result();
    if (this.#stopped || result.canceled) return result;
    if (result.exitCode !== 0) throw this.#exitError('it was waited for to exit');
    return result;
  }

  /** Stops the VM: SIGTERM, then SIGKILL after the grace period. Resolves when QEMU is gone. */
  async stop(options: { graceMs?: number } = {}): Promise<VmResult> {
    this.#stopped = true;
    await this.#process.stop(options.graceMs ?? this.#options.graceMs ?? DEFAULT_GRACE_MS);
    return this.#result();
  }

  /** Kills the VM at once (SIGKILL). Resolves when QEMU is gone. */
  kill(): Promise<VmResult> {
    return this.stop({ graceMs: 0 });
  }

  /** `performance.now()` when QEMU was started (for durations measured from its start). */
  get startedAt(): number {
    return this.#process.startedAt;
  }

  /** True once QEMU has exited. */
  get exited(): boolean {
    return this.#process.exited !== undefined;
  }

  /** The last bytes QEMU wrote to stderr. */
  stderrTail(): string {
    return this.#process.stderrTail();
  }

  async #result(): Promise<VmResult> {
    const ended = { timedOut: this.#timedOut, canceled: this.#options.signal?.aborted ?? false };
    const { consoleLog, agentLog } = this.channels;
    return toVmResult(await this.#process.exit, this.#process.startedAt, ended, { consoleLog, agentLog, runScript: this.runScript, stderrTail: this.stderrTail() });
  }

  async #waitForLine(channel: VmChannel, test: (line: string) => boolean, options: WaitOptions & { what: string }): Promise<string> {
    validateMs('timeoutMs', options.timeoutMs);
    const reader = channel === 'console' ? this.#console : this.#agent;
    const deadline = performance.now() + options.timeoutMs;
    for (;;) {
      const exitedBefore = this.#process.exited !== undefined;
      const hit = await reader.findNext(test, exitedBefore);
      if (hit !== undefined) return hit;
      if (exitedBefore) throw this.#exitError(`${options.what} appeared on the ${describeChannel(channel)}`);
      if (this.#options.signal?.aborted) {
        await this.stop();
        throw new InfrastructureError(`Canceled while waiting for ${options.what} on VM "${this.name}"`, { step: 'vm', machine: this.#options.machine, isCanceled: true });
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw await this.#timeoutError(channel, options);
      await this.#process.waitForExit(Math.min(POLL_MS, remaining), this.#options.signal);
    }
  }

  async #timeoutError(channel: VmChannel, options: WaitOptions & { what: string }): Promise<InfrastructureError> {
    await this.refresh();
    if (options.onTimeout !== 'keep') {
      this.#timedOut = true;
      await this.stop();
    }
    const message = `Timed out after ${options.timeoutMs} ms waiting for ${options.what} on the ${describeChannel(channel)} of VM "${this.name}".`;
    return new InfrastructureError(`${message}${describeTails(channel, this.#tails())}`, { step: 'vm', machine: this.#options.machine, timedOut: true });
  }

  #exitError(before: string): InfrastructureError {
    const message = describeEarlyExit(this, this.#process.exited ?? { at: 0 }, before, this.stderrTail(), this.#tails().console);
    return new InfrastructureError(message, { step: 'vm', machine: this.#options.machine });
  }

  #tails(): { console: string[]; agent: string[] } {
    return { console: this.#console.follower.tail(TAIL_LINES), agent: this.#agent.follower.tail(TAIL_LINES) };
  }
}
