import { describeErrorPlace } from '../../harness/errors/phase.js';
import type { CheckResult, CloneRun, RunResult, ScenarioResult } from '../../harness/results/types.js';
import type { CloneTexts } from '../artifacts.js';
import { cleanGuestString } from '../text/sanitize.js';
import { listRepeatProperties } from './repeat-properties.js';

/** A JUnit testcase in a neutral shape (serialized by serialize-junit.ts). */
export interface JunitCase {
  name: string;
  classname: string;
  seconds: number;
  properties: { name: string; value: string }[];
  /** A check failed: the product is wrong. */
  failure?: { message: string; type: string; body: string };
  /** Infrastructure failed: clonelab could not tell. */
  error?: { message: string; type: string; body: string };
  skipped?: string;
  systemOut?: string;
}

/** One testsuite per scenario. */
export interface JunitSuite {
  name: string;
  timestamp: string;
  seconds: number;
  properties: { name: string; value: string }[];
  cases: JunitCase[];
}

/** The whole JUnit document. */
export interface JunitTree {
  name: string;
  seconds: number;
  suites: JunitSuite[];
}

/** Builds the JUnit tree of a run: a suite per scenario, a case per clone and per fleet/image check. */
export function buildJunitTree(result: RunResult, texts: ReadonlyMap<string, CloneTexts> = new Map()): JunitTree {
  return {
    name: `clonelab ${result.planId}${result.shard ? ` shard ${result.shard.index}/${result.shard.total}` : ''}`,
    seconds: (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000,
    suites: result.scenarios.map((scenario) => buildSuite(scenario, result, texts)),
  };
}

function buildSuite(scenario: ScenarioResult, result: RunResult, texts: ReadonlyMap<string, CloneTexts>): JunitSuite {
  const cases: JunitCase[] = [];
  if (scenario.error && !scenario.clones.some((clone) => clone.status === 'errored')) cases.push(lifecycleCase(scenario));
  if (scenario.expected !== 'pass') cases.push(expectationCase(scenario));
  cases.push(...scenario.clones.map((clone) => cloneCase(scenario, clone, texts.get(clone.cloneId))));
  cases.push(...scenario.checks.filter((check) => check.scope !== 'clone').map((check) => checkCase(scenario, check)));
  const started = scenario.timeline[0]?.at;
  return {
    name: scenario.name,
    timestamp: started === undefined ? result.startedAt : new Date(started).toISOString(),
    seconds: scenario.durationMs / 1000,
    properties: [
      { name: 'status', value: scenario.status },
      { name: 'description', value: scenario.description },
      { name: 'install-machine', value: scenario.installMachine },
      { name: 'method', value: scenario.method },
      { name: 'expected', value: scenario.expected === 'pass' ? 'pass' : `reproduces ${scenario.expected.reproduces.join(', ')}` },
      ...listRepeatProperties(scenario, result),
    ],
    cases,
  };
}

function lifecycleCase(scenario: ScenarioResult): JunitCase {
  const error = scenario.error!;
  return {
    name: `lifecycle: ${error.phase}`, classname: scenario.name, seconds: scenario.durationMs / 1000, properties: [],
    error: { message: clean(error.message), type: `${error.kind} in ${describeErrorPlace(error)}${error.timedOut ? ' (timeout)' : ''}`, body: clean(JSON.stringify(error, null, 2)) },
  };
}

// A bug-reproduction scenario passes when exactly its named failures show: say which did.
function expectationCase(scenario: ScenarioResult): JunitCase {
  const verdict = scenario.verdict;
  const junitCase: JunitCase = {
    name: 'expected reproductions', classname: scenario.name, seconds: 0,
    properties: [{ name: 'reproduced', value: (verdict?.reproduced ?? []).join(', ') }],
  };
  const missing = verdict?.missing ?? [];
  if (missing.length > 0) {
    junitCase.failure = {
      message: `expected to reproduce but did not: ${missing.map((entry) => `${entry.failure} (${entry.where})`).join(', ')}`,
      type: 'missing-reproduction', body: clean(JSON.stringify(missing, null, 2)),
    };
  } else if (!verdict) {
    junitCase.skipped = 'the scenario ended before its checks';
  }
  return junitCase;
}

function cloneCase(scenario: ScenarioResult, clone: CloneRun, texts: CloneTexts | undefined): JunitCase {
  const checks = scenario.checks.filter((check) => check.cloneId === clone.cloneId);
  const junitCase: JunitCase = {
    name: clone.cloneId, classname: scenario.name, seconds: clone.bootSeconds ?? spanSeconds(clone.timeline),
    properties: [
      { name: 'machine', value: clone.machine },
      { name: 'status', value: clone.status },
      { name: 'attempts', value: String(clone.attempts) },
    ],
  };
  const reproduced = checks.flatMap((check) => check.failures).filter((failure) => !isUnexpected(scenario, failure, clone.cloneId));
  if (reproduced.length > 0) junitCase.properties.push({ name: 'reproduced', value: [...new Set(reproduced)].join(', ') });
  // Where QEMU put each device (expected vs found address, vendor:device), proven when the VM started.
  const placement = checks.find((check) => check.id === 'placement');
  if (placement) junitCase.properties.push({ name: 'placement', value: clean(`${placement.status}: ${placement.summary}`) });
  if (texts?.console) junitCase.systemOut = texts.console;
  // A booted clone may still carry the error of an attempt that was retried.
  if (clone.status !== 'errored' && clone.error) junitCase.properties.push({ name: 'retried-after', value: clean(clone.error.message) });
  if (clone.status === 'errored') {
    const error = clone.error;
    junitCase.error = {
      message: clean(error?.message ?? 'the clone errored'), type: `${error?.kind ?? 'infrastructure'} in ${error ? describeErrorPlace(error) : 'unknown phase'}${error?.timedOut ? ' (timeout)' : ''}`,
      body: clean(JSON.stringify(error ?? {}, null, 2)),
    };
  } else if (scenario.status === 'interrupted' && clone.status !== 'booted') {
    junitCase.skipped = 'interrupted';
  } else {
    const failing = checks.filter((check) => check.failures.some((failure) => isUnexpected(scenario, failure, clone.cloneId)));
    const missing = (scenario.verdict?.missing ?? []).filter((entry) => entry.where === clone.cloneId);
    if (failing.length > 0 || missing.length > 0) junitCase.failure = checkFailure(failing, missing.map((entry) => entry.failure));
  }
  return junitCase;
}

function checkCase(scenario: ScenarioResult, check: CheckResult): JunitCase {
  const junitCase: JunitCase = { name: `${check.scope}: ${check.id}`, classname: scenario.name, seconds: 0, properties: [{ name: 'summary', value: clean(check.summary) }] };
  const unexpected = check.failures.filter((failure) => isUnexpected(scenario, failure, 'fleet'));
  if (check.status === 'skip') junitCase.skipped = clean(check.summary);
  else if (unexpected.length > 0) junitCase.failure = checkFailure([check], []);
  else if (check.failures.length > 0) junitCase.properties.push({ name: 'reproduced', value: check.failures.join(', ') });
  return junitCase;
}

function checkFailure(checks: CheckResult[], missing: string[]): NonNullable<JunitCase['failure']> {
  const names = [...new Set(checks.flatMap((check) => check.failures)), ...missing.map((failure) => `missing ${failure}`)];
  const body = [
    ...checks.map((check) => `${check.id}: ${check.summary}\nevidence: ${JSON.stringify(check.evidence, null, 2)}`),
    ...missing.map((failure) => `expected ${failure} to reproduce here, it did not`),
  ].join('\n\n');
  return { message: clean(`${checks.map((check) => `${check.id}: ${check.summary}`).concat(missing.map((failure) => `missing ${failure}`)).join('; ')}`), type: names.join(', '), body: clean(body) };
}

function isUnexpected(scenario: ScenarioResult, failure: string, where: string): boolean {
  return (scenario.verdict?.unexpected ?? []).some((entry) => entry.failure === failure && entry.where === where);
}

function spanSeconds(timeline: { at: number }[]): number {
  const first = timeline[0]?.at;
  const last = timeline.at(-1)?.at;
  return first === undefined || last === undefined ? 0 : (last - first) / 1000;
}

// Evidence and messages carry guest-controlled strings (computer names, log lines).
function clean(text: string): string {
  return cleanGuestString(text);
}
