import { createActor, type ActorLogic, type AnyActorLogic } from 'xstate';
import type { PlannedScenario } from '../plan/types.js';
import type { ScenarioResult, ScenarioStatus } from '../results/types.js';
import { scenarioMachine } from './scenario-machine.js';
import type { LifecycleContext, Phase, TimelineEntry } from './types.js';

/** The step implementations, by the names the machine uses. */
export type LifecycleActors = Partial<Record<'installMaster' | 'generalizeMaster' | 'captureImage' | 'runTargets' | 'runChecks', AnyActorLogic>>;

/** Options of one scenario run. */
export interface RunScenarioOptions {
  actors: LifecycleActors;
  retries: number;
  timeouts: Record<Phase, number>;
  signal?: AbortSignal;
  /** Called on every lifecycle transition (for progress displays and reporters). */
  onTransition?: (entry: TimelineEntry) => void;
}

/**
 * Runs one scenario's lifecycle to its end and returns its result with the timeline. An abort
 * stops the actor (which aborts the running step and kills what it started) and marks the
 * result interrupted.
 */
export async function runScenario(planned: PlannedScenario, options: RunScenarioOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const machine = scenarioMachine.provide({ actors: options.actors as Record<string, ActorLogic<never, never>> });
  const actor = createActor(machine, { input: { planned, retries: options.retries, timeouts: options.timeouts } });
  const timeline: TimelineEntry[] = [];
  let last = '';
  actor.subscribe((snapshot) => {
    const state = String(snapshot.value);
    if (state === last) return;
    last = state;
    const entry = { state, at: Date.now() };
    timeline.push(entry);
    options.onTransition?.(entry);
  });
  const finished = new Promise<void>((resolve) => {
    actor.subscribe({ complete: () => resolve(), error: () => resolve() });
  });
  const onAbort = (): void => { actor.stop(); };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const stopped = new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
  actor.start();
  await Promise.race([finished, stopped]);
  options.signal?.removeEventListener('abort', onAbort);
  const snapshot = actor.getSnapshot();
  const context = snapshot.context as LifecycleContext;
  const interrupted = options.signal?.aborted === true && snapshot.status !== 'done';
  if (interrupted) timeline.push({ state: 'interrupted', at: Date.now() });
  return {
    name: planned.scenario.name,
    description: planned.scenario.description,
    status: interrupted ? 'interrupted' : statusOf(String(snapshot.value), context),
    expected: planned.scenario.expect,
    installMachine: planned.scenario.master.machine,
    guest: planned.scenario.master.guest,
    method: planned.scenario.capture.method,
    verdict: context.verdict,
    error: context.error,
    timeline,
    ...(context.master?.identity?.kind === 'machine-sid' ? { masterSid: context.master.identity.value } : {}),
    ...(context.master?.identity ? { masterIdentity: context.master.identity } : {}),
    ...reusedMasters(context),
    captureNotes: context.captured?.notes ?? [],
    clones: context.clones ?? [],
    checks: context.checks ?? [],
    durationMs: Date.now() - started,
  };
}

/** The master-cache entries this scenario's masters came from, if any. */
function reusedMasters(context: LifecycleContext): Pick<ScenarioResult, 'reusedMasters'> {
  const entries = [...new Set([context.master?.reusedFrom, context.source?.reusedFrom].filter((entry): entry is string => entry !== undefined))];
  return entries.length > 0 ? { reusedMasters: entries } : {};
}

function statusOf(state: string, context: LifecycleContext): ScenarioStatus {
  if (state === 'errored') return 'errored';
  if (state === 'failed') return 'failed';
  if (state === 'done') return context.verdict?.status === 'reproduced' ? 'reproduced' : 'passed';
  return 'interrupted';
}
