import { assign, fromPromise, setup } from 'xstate';
import { InfrastructureError } from '../errors/errors.js';
import { toErrorRecord } from './to-error-record.js';
import type { CaptureOutput, CheckOutput, CloneRun, LifecycleContext, LifecycleInput, MasterOutput, Phase, StepInput } from './types.js';

const notProvided = (name: string) => fromPromise<never, StepInput>(async () => {
  throw new Error(`The lifecycle step "${name}" was not provided`);
});

/** A failed step: retried while it is an infrastructure error with retries left, else the run errors. */
const retryOrFail = <P extends Phase>(phase: P) => [
  { guard: { type: 'canRetry' as const, params: { phase } }, target: phase, reenter: true, actions: { type: 'countAttempt' as const, params: { phase } } },
  fail(phase),
];

/** A failed step that is not retried (targets retry per clone; checks are pure). */
const fail = (phase: Phase) => ({ target: 'errored' as const, actions: { type: 'recordError' as const, params: { phase } } });

/** The phase's timeout: leaving the state stops its step, which aborts what the step started. */
const timeoutOf = (phase: Phase) => ({ [`${phase}Timeout`]: { target: 'errored', actions: { type: 'recordTimeout' as const, params: { phase } } } });

/**
 * The lifecycle of one scenario run: install → generalize? → capture → targets → check →
 * done | failed | errored. Steps are actors referred to by name (provide real or fake ones);
 * each receives an AbortSignal, so leaving a state (timeout, stop) kills what it started.
 * Infrastructure errors are retried up to `retries` times; nothing else is.
 */
export const scenarioMachine = setup({
  types: {} as { context: LifecycleContext; input: LifecycleInput },
  actors: {
    installMaster: notProvided('installMaster') as ReturnType<typeof fromPromise<MasterOutput, StepInput>>,
    generalizeMaster: notProvided('generalizeMaster') as ReturnType<typeof fromPromise<MasterOutput, StepInput>>,
    captureImage: notProvided('captureImage') as ReturnType<typeof fromPromise<CaptureOutput, StepInput>>,
    runTargets: notProvided('runTargets') as ReturnType<typeof fromPromise<CloneRun[], StepInput>>,
    runChecks: notProvided('runChecks') as ReturnType<typeof fromPromise<CheckOutput, StepInput>>,
  },
  guards: {
    canRetry: ({ context, event }, params: { phase: Phase }) =>
      (event as { error?: unknown }).error instanceof InfrastructureError && context.attempts[params.phase] < context.retries,
    wantsGeneralize: ({ context }) => context.planned.scenario.generalize !== false,
    asExpected: ({ context }) => context.verdict !== undefined && context.verdict.status !== 'failed',
    anyCloneErrored: ({ context }) => (context.clones ?? []).some((clone) => clone.status === 'errored'),
  },
  actions: {
    countAttempt: assign(({ context }, params: { phase: Phase }) => ({ attempts: { ...context.attempts, [params.phase]: context.attempts[params.phase] + 1 } })),
    recordError: assign(({ event }, params: { phase: Phase }) => ({ error: toErrorRecord((event as { error?: unknown }).error, params.phase) })),
    recordTimeout: assign(({ context }, params: { phase: Phase }) => ({
      error: {
        kind: 'infrastructure' as const, phase: params.phase, step: params.phase, timedOut: true, machine: context.planned.scenario.master.machine,
        message: `Timed out after ${context.timeouts[params.phase] / 1000} s in phase ${params.phase} of scenario ${context.planned.scenario.name} (install machine ${context.planned.scenario.master.machine})`,
      },
    })),
    recordCloneError: assign(({ context }) => ({ error: (context.clones ?? []).find((clone) => clone.status === 'errored')?.error })),
  },
  delays: {
    installTimeout: ({ context }) => context.timeouts.install,
    generalizeTimeout: ({ context }) => context.timeouts.generalize,
    captureTimeout: ({ context }) => context.timeouts.capture,
    targetsTimeout: ({ context }) => context.timeouts.targets,
    checkTimeout: ({ context }) => context.timeouts.check,
  },
}).createMachine({
  id: 'scenario',
  context: ({ input }) => ({
    planned: input.planned, retries: input.retries, timeouts: input.timeouts,
    attempts: { install: 0, generalize: 0, capture: 0, targets: 0, check: 0 },
  }),
  initial: 'install',
  states: {
    install: {
      invoke: {
        src: 'installMaster',
        id: 'installMaster',
        input: ({ context }) => ({ planned: context.planned }),
        onDone: [
          { guard: 'wantsGeneralize', target: 'generalize', actions: assign({ master: ({ event }) => event.output }) },
          { target: 'capture', actions: assign({ master: ({ event }) => event.output, source: ({ event }) => event.output }) },
        ],
        onError: retryOrFail('install'),
      },
      after: timeoutOf('install'),
    },
    generalize: {
      invoke: {
        src: 'generalizeMaster',
        id: 'generalizeMaster',
        input: ({ context }) => ({ planned: context.planned, master: context.master }),
        onDone: { target: 'capture', actions: assign({ source: ({ event }) => event.output }) },
        onError: retryOrFail('generalize'),
      },
      after: timeoutOf('generalize'),
    },
    capture: {
      invoke: {
        src: 'captureImage',
        id: 'captureImage',
        input: ({ context }) => ({ planned: context.planned, master: context.master, source: context.source }),
        onDone: { target: 'targets', actions: assign({ captured: ({ event }) => event.output }) },
        onError: retryOrFail('capture'),
      },
      after: timeoutOf('capture'),
    },
    targets: {
      invoke: {
        // Clones retry their own infrastructure errors; a clone that still fails is recorded, not thrown.
        src: 'runTargets',
        id: 'runTargets',
        input: ({ context }) => ({ planned: context.planned, master: context.master, source: context.source, captured: context.captured }),
        onDone: { target: 'check', actions: assign({ clones: ({ event }) => event.output }) },
        onError: fail('targets'),
      },
      after: timeoutOf('targets'),
    },
    check: {
      invoke: {
        src: 'runChecks',
        id: 'runChecks',
        input: ({ context }) => ({ planned: context.planned, master: context.master, source: context.source, captured: context.captured, clones: context.clones }),
        onDone: { target: 'verdict', actions: assign({ checks: ({ event }) => event.output.checks, verdict: ({ event }) => event.output.verdict }) },
        onError: fail('check'),
      },
      after: timeoutOf('check'),
    },
    verdict: {
      // A clone that could not run (infrastructure) makes the fleet verdict incomplete: errored, not failed.
      always: [
        { guard: 'anyCloneErrored', target: 'errored', actions: 'recordCloneError' },
        { guard: 'asExpected', target: 'done' },
        { target: 'failed' },
      ],
    },
    done: { type: 'final' },
    failed: { type: 'final' },
    errored: { type: 'final' },
  },
});
