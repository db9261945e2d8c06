/**
 * The registry of live QEMU processes. When the Node process exits, or gets SIGINT/SIGTERM,
 * every registered process gets SIGKILL, so no VM outlives the harness that started it.
 * (execa's `cleanup` option sends SIGTERM too; this is the belt to its braces, and it also
 * covers QEMUs that ignore SIGTERM.)
 */

const live = new Map<number, string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

/** Registers a live VM process by pid (with a name for messages). */
export function registerVmProcess(pid: number, name: string): void {
  live.set(pid, name);
  if (!installed) install();
}

/** Forgets a VM process (it exited). */
export function unregisterVmProcess(pid: number): void {
  live.delete(pid);
  if (live.size === 0 && installed) uninstall();
}

/** The pids and names of the VM processes still running. */
export function listLiveVmProcesses(): Array<{ pid: number; name: string }> {
  return [...live].map(([pid, name]) => ({ pid, name }));
}

/** Sends SIGKILL to every live VM process at once (synchronous: safe in an `exit` handler). */
function killAllVmProcesses(): void {
  for (const pid of live.keys()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function onExit(): void {
  killAllVmProcesses();
}

function onSignal(signal: NodeJS.Signals): void {
  killAllVmProcesses();
  live.clear();
  uninstall();
  // Keep Node's default (die by the signal) unless someone else handles it. signal-exit (used
  // by execa's `cleanup`) only re-raises when all listeners are its own, so count those as absent.
  if (process.listeners(signal).length > countSignalExitListeners()) return;
  process.kill(process.pid, signal);
  // A re-raised signal can be swallowed when signal-exit unloads (its child just died) between
  // the raise and the dispatch; raise again until it lands. Unref'd: it keeps nothing alive.
  setInterval(() => {
    if (process.listeners(signal).length <= countSignalExitListeners()) process.kill(process.pid, signal);
  }, 50).unref();
}

// signal-exit v4 keeps its shared state under this global symbol, v3 under a process property.
function countSignalExitListeners(): number {
  const v4 = (globalThis as Record<symbol, { count?: number } | undefined>)[Symbol.for('signal-exit emitter')]?.count ?? 0;
  const v3 = (process as unknown as { __signal_exit_emitter__?: { count?: number } }).__signal_exit_emitter__?.count ?? 0;
  return v4 + v3;
}

function install(): void {
  installed = true;
  process.on('exit', onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  installed = false;
  process.removeListener('exit', onExit);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}
