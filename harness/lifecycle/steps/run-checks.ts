import { fromPromise } from 'xstate';
import { runCloneChecks } from '../../checks/clone-checks.js';
import { evaluateOutcome } from '../../checks/evaluate-outcome.js';
import { runFleetChecks } from '../../checks/fleet-checks.js';
import type { CheckResult, CloneFacts } from '../../checks/types.js';
import { findProfile } from '../../profiles/registry.js';
import type { CheckOutput, StepInput } from '../types.js';

/** Step `runChecks`: image, per-clone and fleet checks over what the clones reported, then the verdict. */
export const runChecksStep = fromPromise<CheckOutput, StepInput>(async ({ input }) => {
  const clones = input.clones ?? [];
  const facts = clones.flatMap((clone) => (clone.facts ? [clone.facts] : []));
  const booted = facts.filter((fact: CloneFacts) => !fact.applyRefused);
  const checks: CheckResult[] = [
    ...(input.captured?.checks ?? []),
    ...facts.flatMap((fact) => runCloneChecks(fact)),
    ...(booted.length > 0 ? runFleetChecks(booted, { kinds: findProfile(input.planned.scenario.master.guest).identityKinds, ...(input.master?.identity ? { master: input.master.identity } : {}) }) : []),
  ];
  const skipped = new Set<string>(input.planned.scenario.skipChecks);
  const judged = checks.map((check) => (skipped.has(check.id) ? { ...check, status: 'skip' as const, failures: [], summary: `not judged by this scenario (was: ${check.summary})` } : check));
  return { checks: judged, verdict: evaluateOutcome(input.planned, judged) };
});
