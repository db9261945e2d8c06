/** One cleanup that failed while a teardown stack unwound: what it was undoing, and why it failed. */
export interface TeardownFailure {
  name: string;
  error: unknown;
}

interface Entry {
  name: string;
  cleanup: () => unknown;
}

/**
 * Cleanups registered as setup proceeds (a temporary file made, a VM started, a session opened),
 * undone in reverse order: last made, first undone, as Playwright runs fixture teardowns. A cleanup
 * that fails does not stop the ones after it.
 * @example
 * const teardown = new TeardownStack();
 * await writeFile(temporary, '');
 * teardown.defer('remove the temporary disk', () => rm(temporary, { force: true }));
 * const vm = await QemuVm.start(command, options);
 * teardown.defer('stop the VM', () => vm.stop());
 * const failures = await teardown.unwind(); // stops the VM, then removes the file
 */
export class TeardownStack {
  #entries: Entry[] = [];

  /** Registers a cleanup, run before everything registered earlier; `name` says what it undoes. */
  defer(name: string, cleanup: () => unknown): void {
    this.#entries.push({ name, cleanup });
  }

  /** How many cleanups are waiting. */
  get size(): number {
    return this.#entries.length;
  }

  /**
   * Runs every cleanup, last registered first, each even when an earlier one failed, and empties
   * the stack (cleanups registered meanwhile run too). Resolves with the failures, in the order
   * they happened; never rejects.
   */
  async unwind(): Promise<TeardownFailure[]> {
    const failures: TeardownFailure[] = [];
    for (let entry = this.#entries.pop(); entry; entry = this.#entries.pop()) {
      try {
        await entry.cleanup();
      } catch (error) {
        failures.push({ name: entry.name, error });
      }
    }
    return failures;
  }
}
