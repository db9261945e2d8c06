import { once } from 'node:events';
import net from 'node:net';
import { InfrastructureError } from '../errors/errors.js';
import { flattenPciInfo, type PciFunction } from './pci-info.js';
import { type QmpMessageReader, readQmpMessages } from './qmp-message-reader.js';
import type { QemuVersion, QmpConnectOptions, QmpEvent } from './qmp-types.js';

export type { QemuVersion, QmpConnectOptions, QmpEvent } from './qmp-types.js';

interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const MAX_EVENTS = 256;

/**
 * A QMP client over a unix socket: newline-delimited JSON, one command at a time is not
 * required (replies are matched by id). Events are kept (the last 256) for `events()`.
 * @example const qmp = await QmpSession.connect('/tmp/vm/qmp.sock'); await qmp.queryPci(); await qmp.quit();
 */
export class QmpSession {
  readonly version: QemuVersion;
  readonly #socket: net.Socket;
  readonly #name: string;
  readonly #commandTimeoutMs: number;
  readonly #pending = new Map<string, Pending>();
  readonly #events: QmpEvent[] = [];
  #nextId = 1;
  #closed: Error | undefined;

  private constructor(socket: net.Socket, greeting: unknown, options: QmpConnectOptions) {
    this.#socket = socket;
    this.#name = options.name ?? socket.remoteAddress ?? 'QMP';
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 30_000;
    const qemu = (greeting as { QMP?: { version?: { qemu?: Partial<QemuVersion> } } }).QMP?.version?.qemu ?? {};
    this.version = { major: qemu.major ?? 0, minor: qemu.minor ?? 0, micro: qemu.micro ?? 0 };
  }

  /** Connects to a QMP socket, reads the greeting and leaves capabilities negotiation mode. */
  static async connect(socketPath: string, options: QmpConnectOptions = {}): Promise<QmpSession> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const socket = net.createConnection(socketPath);
    const lines = readQmpMessages(socket);
    const deadline = setTimeout(() => socket.destroy(new Error(`no QMP greeting within ${timeoutMs} ms`)), timeoutMs);
    try {
      const greeting = await lines.next();
      if (!greeting || typeof greeting !== 'object' || !('QMP' in greeting)) throw new Error(`expected a QMP greeting, got ${JSON.stringify(greeting)}`);
      const session = new QmpSession(socket, greeting, options);
      session.#listen(lines);
      await session.execute('qmp_capabilities');
      return session;
    } catch (error) {
      socket.destroy();
      throw new InfrastructureError(`Could not open the QMP session of ${options.name ?? 'the VM'} at ${socketPath}: ${(error as Error).message}`, { step: 'qmp', cause: error });
    } finally {
      clearTimeout(deadline);
    }
  }

  /** Runs one QMP command and returns its `return` value; a QMP error or timeout rejects. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>, options: { timeoutMs?: number } = {}): Promise<T> {
    if (this.#closed) return Promise.reject(this.#error(`cannot run ${command}: ${this.#closed.message}`));
    const id = `clonelab-${this.#nextId++}`;
    const timeoutMs = options.timeoutMs ?? this.#commandTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new InfrastructureError(`QMP command ${command} on ${this.#name} got no answer within ${timeoutMs} ms`, { step: 'qmp', timedOut: true }));
      }, timeoutMs);
      this.#pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject, timer });
      this.#socket.write(`${JSON.stringify({ execute: command, ...(args ? { arguments: args } : {}), id })}\n`);
    });
  }

  /** Lists every PCI function QEMU emulates (bridges' buses included), with numeric ids as hex. */
  async queryPci(): Promise<PciFunction[]> {
    return flattenPciInfo(await this.execute('query-pci'));
  }

  /**
   * Saves a picture of the display to `file`: PNG where this QEMU can (7.1+ with libpng),
   * else PPM. Returns the format written.
   */
  async screendump(file: string, options: { device?: string } = {}): Promise<'png' | 'ppm'> {
    const base = { filename: file, ...(options.device ? { device: options.device } : {}) };
    if (this.version.major > 7 || (this.version.major === 7 && this.version.minor >= 1)) {
      try {
        await this.execute('screendump', { ...base, format: 'png' });
        return 'png';
      } catch (error) {
        if (this.#closed) throw error;
        // A QEMU built without libpng refuses format=png: fall back to PPM below.
      }
    }
    await this.execute('screendump', base);
    return 'ppm';
  }

  /** Presses the ACPI power button (the guest decides what to do). */
  async systemPowerdown(): Promise<void> {
    await this.execute('system_powerdown');
  }

  /** Starts the CPUs of a VM started paused (`-S`). */
  async cont(): Promise<void> {
    await this.execute('cont');
  }

  /** Asks QEMU to quit at once; resolves when it answered or closed the socket. */
  async quit(): Promise<void> {
    if (this.#closed) return;
    const closed = new Promise<void>((resolve) => this.#socket.once('close', () => resolve()));
    await Promise.race([this.execute('quit').catch(() => undefined), closed]);
  }

  /** The events received so far (the last 256), oldest first. */
  events(): QmpEvent[] {
    return [...this.#events];
  }

  /** True once the socket closed (QEMU quit, or `close()`). */
  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /** Closes the socket; pending commands reject. Resolves once it is closed. */
  close(): Promise<void> {
    if (this.#socket.closed) return Promise.resolve();
    const closed = once(this.#socket, 'close').then(() => undefined);
    this.#socket.destroy();
    return closed;
  }

  #listen(lines: QmpMessageReader): void {
    lines.attach((message) => this.#dispatch(message), (error) => {
      this.#closed = error;
      for (const [id, pending] of this.#pending) {
        clearTimeout(pending.timer);
        pending.reject(this.#error(`QMP command ${pending.command} failed: ${this.#closed.message}`));
        this.#pending.delete(id);
      }
    });
  }

  #dispatch(message: unknown): void {
    if (!message || typeof message !== 'object') return;
    const record = message as Record<string, unknown>;
    if (typeof record.event === 'string') {
      this.#events.push(record as unknown as QmpEvent);
      if (this.#events.length > MAX_EVENTS) this.#events.shift();
      return;
    }
    const pending = typeof record.id === 'string' ? this.#pending.get(record.id) : undefined;
    if (!pending) return; // a reply nobody waits for any more (timed out): ignore it
    this.#pending.delete(record.id as string);
    clearTimeout(pending.timer);
    if ('error' in record) {
      const error = record.error as { class?: string; desc?: string };
      pending.reject(this.#error(`QMP command ${pending.command} failed: ${error.class ?? 'Error'}: ${error.desc ?? JSON.stringify(error)}`));
    } else {
      pending.resolve(record.return);
    }
  }

  #error(message: string): InfrastructureError {
    return new InfrastructureError(`${message} (${this.#name})`, { step: 'qmp' });
  }
}
