import test from 'ava';
import { getSimplePaths } from '@xstate/graph';
import { fromPromise, type AnyEventObject } from 'xstate';
import { InfrastructureError, UsageError } from '../../../harness/errors/errors.js';
import { runScenario, type LifecycleActors } from '../../../harness/lifecycle/run-scenario.js';
import { scenarioMachine } from '../../../harness/lifecycle/scenario-machine.js';
import type { CloneRun, LifecycleContext, Phase, StepInput } from '../../../harness/lifecycle/types.js';
import { plannedScenario } from '../../fixtures/planned-scenario.js';

type Outcome = 'ok' | 'infra' | 'usage' | 'hang' | 'verdict-failed' | 'clone-errored';
const STEPS = { install: 'installMaster', generalize: 'generalizeMaster', capture: 'captureImage', targets: 'runTargets', check: 'runChecks' } as const;
const TIMEOUTS: Record<Phase, number> = { install: 200, generalize: 200, capture: 200, targets: 200, check: 200 };
const okClone: CloneRun = { cloneId: 'c', machine: 'desktop-e1000', status: 'booted', timeline: [], artifacts: {}, attempts: 1, notes: [] };
const outputs: Record<Phase, (outcome: Outcome) => unknown> = {
  install: () => ({ disk: 'master.img', machineSid: 'S-1-5-21-1-2-3' }),
  generalize: () => ({ disk: 'generalized.img' }),
  capture: () => ({ method: 'file', image: {}, notes: [], checks: [] }),
  targets: (outcome) => [outcome === 'clone-errored' ? { ...okClone, status: 'errored', error: { kind: 'infrastructure', phase: 'targets', step: 'boot', message: 'boom', timedOut: false } } : okClone],
  check: (outcome) => ({ checks: [], verdict: { status: outcome === 'verdict-failed' ? 'failed' : 'passed', reproduced: [], missing: [], unexpected: [] } }),
};

/** Fake steps that follow a script of outcomes per phase, and record whether a hung step was aborted. */
function scriptedActors(script: Partial<Record<Phase, Outcome[]>>, aborted: Phase[]): LifecycleActors {
  const make = (phase: Phase) => fromPromise<unknown, StepInput>(({ signal }) => {
    const outcome = script[phase]?.shift() ?? 'ok';
    if (outcome === 'infra') return Promise.reject(new InfrastructureError(`${phase} broke`, { phase }));
    if (outcome === 'usage') return Promise.reject(new UsageError(`${phase} refused`, { phase }));
    if (outcome === 'hang') return new Promise(() => signal.addEventListener('abort', () => aborted.push(phase)));
    return Promise.resolve(outputs[phase](outcome));
  });
  return Object.fromEntries(Object.entries(STEPS).map(([phase, name]) => [name, make(phase as Phase)]));
}

/** The events the graph may take: every step's done (each output variant), errors, and timeouts. */
function graphEvents(): AnyEventObject[] {
  return Object.entries(STEPS).flatMap(([phase, name]) => {
    const variants: Outcome[] = phase === 'targets' ? ['ok', 'clone-errored'] : phase === 'check' ? ['ok', 'verdict-failed'] : ['ok'];
    return [
      ...variants.map((variant) => ({ type: `xstate.done.actor.${name}`, output: outputs[phase as Phase](variant), variant })),
      { type: `xstate.error.actor.${name}`, error: new InfrastructureError('x'), variant: 'infra' },
      { type: `xstate.error.actor.${name}`, error: new UsageError('x'), variant: 'usage' },
      { type: `xstate.after.${phase}Timeout.scenario.${phase}`, variant: 'hang' },
    ];
  });
}

const planned = plannedScenario();
const variants = [
  { label: 'generalized', planned },
  { label: 'not generalized', planned: plannedScenario({ generalize: false }) },
];

for (const variant of variants) {
  const paths = getSimplePaths(scenarioMachine, {
    input: { planned: variant.planned, retries: 1, timeouts: TIMEOUTS },
    events: graphEvents(),
    // Everything the guards read is part of the vertex, or the graph would merge distinct paths.
    serializeState: (snapshot: { value: unknown; context: LifecycleContext }) => JSON.stringify([
      snapshot.value, snapshot.context.attempts, snapshot.context.clones?.map((clone) => clone.status), snapshot.context.verdict?.status,
    ]),
  } as never).filter((path) => path.state.status === 'done');

  test(`${variant.label}: the graph has a path to every final state`, (t) => {
    const finals = new Set(paths.map((path) => String(path.state.value)));
    t.deepEqual([...finals].sort(), ['done', 'errored', 'failed']);
    t.true(paths.length >= 20, `${paths.length} paths`);
    t.is(paths.some((path) => path.steps.some((step) => step.state.value === 'generalize')), variant.label === 'generalized');
  });

  for (const [index, path] of paths.entries()) {
    const events = path.steps.map((step) => step.event as AnyEventObject & { variant?: Outcome });
    const script: Partial<Record<Phase, Outcome[]>> = {};
    for (const event of events) {
      const phase = (Object.entries(STEPS).find(([, name]) => event.type.includes(`.${name}`))?.[0] ?? /after\.(\w+)Timeout/.exec(event.type)?.[1]) as Phase | undefined;
      if (phase && event.variant) (script[phase] ??= []).push(event.variant);
    }
    const expectedStates = path.steps.map((step) => String(step.state.value)).filter((state, i, all) => state !== 'verdict' && state !== all[i - 1]);
    test(`${variant.label} path ${index + 1}: ${expectedStates.join(' → ')} (${events.flatMap((event) => event.variant ?? []).join(', ')})`, async (t) => {
      const aborted: Phase[] = [];
      const result = await runScenario(variant.planned, { actors: scriptedActors(structuredClone(script), aborted), retries: 1, timeouts: TIMEOUTS });
      const visited = result.timeline.map((entry) => entry.state).filter((state) => state !== 'verdict');
      t.deepEqual(visited.filter((state, i) => state !== visited[i - 1]), expectedStates);
      const final = String(path.state.value);
      t.is(result.status === 'passed' ? 'done' : result.status, final);
      if (final === 'errored') t.truthy(result.error?.message, 'an errored run says why');
      const hung = Object.entries(script).filter(([, outcomes]) => outcomes?.includes('hang')).map(([phase]) => phase);
      t.deepEqual(aborted, hung, 'a step whose state timed out was aborted');
    });
  }
}

test('a timeout names the phase, the scenario and the machine', async (t) => {
  const result = await runScenario(planned, { actors: scriptedActors({ capture: ['hang'] }, []), retries: 1, timeouts: TIMEOUTS });
  t.is(result.status, 'errored');
  t.regex(result.error?.message ?? '', /Timed out after 0\.2 s in phase capture of scenario fixture \(install machine desktop-e1000\)/);
  t.true(result.error?.timedOut);
});

test('infrastructure errors are retried, bad input is not', async (t) => {
  const retried = await runScenario(planned, { actors: scriptedActors({ install: ['infra'] }, []), retries: 1, timeouts: TIMEOUTS });
  t.is(retried.status, 'passed');
  t.deepEqual(retried.timeline.map((entry) => entry.state).slice(0, 2), ['install', 'generalize']);
  const refused = await runScenario(planned, { actors: scriptedActors({ install: ['usage'] }, []), retries: 3, timeouts: TIMEOUTS });
  t.is(refused.status, 'errored');
  t.is(refused.error?.kind, 'usage');
  const exhausted = await runScenario(planned, { actors: scriptedActors({ install: ['infra', 'infra'] }, []), retries: 1, timeouts: TIMEOUTS });
  t.is(exhausted.error?.kind, 'infrastructure');
});

test('an abort stops the running step and marks the result interrupted', async (t) => {
  const aborted: Phase[] = [];
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const result = await runScenario(planned, { actors: scriptedActors({ install: ['hang'] }, aborted), retries: 1, timeouts: { ...TIMEOUTS, install: 10_000 }, signal: controller.signal });
  t.is(result.status, 'interrupted');
  t.deepEqual(aborted, ['install']);
  t.is(result.timeline.at(-1)?.state, 'interrupted');
});
