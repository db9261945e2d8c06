import logUpdate from 'log-update';
import type { ScenarioResult } from '../harness/results/types.js';

/** Progress of a run: one line per running VM on a terminal; plain lines when not a TTY or under CI. */
export interface Progress {
  vmState(event: { scenario: string; machine: string; state: string; done?: boolean }): void;
  scenarioEnd(result: ScenarioResult): void;
  stop(): void;
}

/** Creates the progress display that fits the output. */
export function createProgress(live = Boolean(process.stdout.isTTY) && !process.env.CI): Progress {
  const running = new Map<string, { scenario: string; machine: string; state: string; since: number }>();
  const log = (line: string): void => {
    if (live) logUpdate.clear();
    console.log(line);
  };
  const render = (): void => {
    if (!live) return;
    const now = Date.now();
    logUpdate([...running.values()].map((vm) => `  ${vm.scenario.padEnd(34)} ${vm.machine.padEnd(24)} ${vm.state.padEnd(10)} ${((now - vm.since) / 1000).toFixed(0)} s`).join('\n'));
  };
  const timer = live ? setInterval(render, 250) : undefined;
  timer?.unref();
  return {
    vmState(event) {
      const key = `${event.scenario}/${event.machine}`;
      if (event.done) running.delete(key);
      else running.set(key, { ...event, since: running.get(key)?.since ?? Date.now() });
      if (!live && !event.done) console.log(`  ${event.scenario} · ${event.machine} · ${event.state}`);
      render();
    },
    scenarioEnd(result) {
      const observed = result.verdict?.reproduced.length ? ` (reproduced ${result.verdict.reproduced.join(', ')})` : '';
      const why = result.error ? `: ${result.error.message.split('\n')[0]}` : result.verdict?.unexpected.length
        ? `: unexpected ${result.verdict.unexpected.map((entry) => `${entry.failure}@${entry.where}`).join(', ')}` : '';
      const missing = result.verdict?.missing.length ? `; missing ${result.verdict.missing.map((entry) => entry.failure).join(', ')}` : '';
      log(`${result.status.toUpperCase().padEnd(10)} ${result.name} (${(result.durationMs / 1000).toFixed(1)} s)${observed}${why}${missing}`);
      render();
    },
    stop() {
      if (timer) clearInterval(timer);
      if (live) logUpdate.clear();
    },
  };
}
