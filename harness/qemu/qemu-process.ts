import type { ResultPromise } from 'execa';
import { TeardownStack } from '../teardown/teardown-stack.js';
import { warnTeardownFailure } from '../teardown/with-teardown.js';
import { BoundedTail } from './bounded-tail.js';
import { terminateProcess } from './terminate-process.js';
import { type ExitFacts, raceExit, waitForProcessExit } from './vm-exit.js';
import { registerVmProcess, unregisterVmProcess } from './vm-registry.js';

const OUTPUT_TAIL_BYTES = 64 * 1024;

/**
 * A started QEMU process: its exit, the tails of its output, its termination, and the teardown of
 * what was set up around it (registry entry, QMP session, socket), run last-first once it exited.
 */
export class QemuProcess {
  readonly pid: number;
  readonly startedAt = performance.now();
  /** Cleanups of what belongs to this process; they run once it exited, before `exit` resolves. */
  readonly teardown = new TeardownStack();
  /** Resolves once QEMU exited, its output was read to the end (`drain`) and the teardown ran. */
  readonly exit: Promise<ExitFacts>;
  readonly #stderr = new BoundedTail(OUTPUT_TAIL_BYTES);
  readonly #stdout = new BoundedTail(OUTPUT_TAIL_BYTES);
  #exited: ExitFacts | undefined;
  #stopping: Promise<ExitFacts> | undefined;

  /** Tracks a spawned QEMU registered under `name`; `drain` reads what it left (e.g. its serial logs) before the exit is seen. */
  constructor(subprocess: ResultPromise, pid: number, name: string, drain: () => Promise<void>) {
    this.pid = pid;
    subprocess.stdout?.on('data', (chunk: Buffer) => this.#stdout.push(chunk));
    subprocess.stderr?.on('data', (chunk: Buffer) => this.#stderr.push(chunk));
    registerVmProcess(pid, name);
    this.teardown.defer('forget the VM process', () => unregisterVmProcess(pid));
    this.exit = this.#track(subprocess, drain);
  }

  /** How QEMU ended, once it has. */
  get exited(): ExitFacts | undefined {
    return this.#exited;
  }

  /** Resolves true when QEMU exits within `ms`, false on timeout or when `signal` aborts first. */
  async waitForExit(ms: number, signal?: AbortSignal): Promise<boolean> {
    return this.#exited !== undefined || raceExit(this.exit, ms, signal);
  }

  /** SIGTERM, then SIGKILL after `graceMs` (0: at once); the first call decides. Resolves when QEMU is gone. */
  stop(graceMs: number): Promise<ExitFacts> {
    this.#stopping ??= this.#exited ? this.exit : terminateProcess(this.pid, this.exit, graceMs).then(() => this.exit);
    return this.#stopping;
  }

  /** The last bytes QEMU wrote to stderr. */
  stderrTail(): string {
    return this.#stderr.text();
  }

  async #track(subprocess: ResultPromise, drain: () => Promise<void>): Promise<ExitFacts> {
    const facts = await waitForProcessExit(subprocess);
    await drain().catch(() => undefined);
    this.#exited = facts;
    // A cleanup that fails is reported; the exit stands.
    for (const failure of await this.teardown.unwind()) warnTeardownFailure(failure);
    return facts;
  }
}
