// Test helper (not a test): one fault-injected run per test — its own folder (the unique name
// in every process pattern), a TMPDIR inside it, the fault-injecting fake QEMU (faults.sh of
// test/fixtures/fake-qemu) first on PATH, a single-clone scenario file, and the assertions every
// fault ends with.
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionContext } from 'ava';
import { execa, type ResultPromise } from 'execa';
import tmp from 'tmp';
import type { RunResult } from '../../harness/results/types.js';
import { installFakeQemu } from '../harness/qemu/fake-qemu.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The CLI as users run it. */
export const CLI = path.join(ROOT, 'dist/cli/main.js');
/** Fault fixtures that are not QEMU (sources, not compiled): slow wimlib, peak RSS preload. */
export const FAULTS_DIR = path.join(ROOT, 'test/fixtures/faults');

/** A single-clone scenario: master and target desktop-e1000, WIM capture (XPRESS). */
export const ONE_CLONE = {
  name: 'fault-one', description: 'one clone for fault tests', master: { machine: 'desktop-e1000' },
  capture: { method: 'file', compression: 'xpress' }, targets: [{ machine: 'desktop-e1000' }], clonesPerTarget: 1,
  expect: { reproduces: ['master-sid-reused'] },
};

/** One test's setup: everything it writes is under `dir`. */
export interface FaultRunSetup {
  dir: string;
  out: string;
  tmp: string;
  scenario: string;
  env: NodeJS.ProcessEnv;
}

/** Sets up a run; `fault` is the environment of test/fixtures/fake-qemu/faults.sh. Removed when the test ends. */
export function setUpFaultRun(t: ExecutionContext, name: string, fault: NodeJS.ProcessEnv = {}, scenario: object = ONE_CLONE): FaultRunSetup {
  const dir = tmp.dirSync({ prefix: `clf-${name}-` }).name;
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const setup = { dir, out: path.join(dir, 'out'), tmp: path.join(dir, 'tmp'), scenario: path.join(dir, 'scenario.json') };
  mkdirSync(setup.tmp);
  writeFileSync(setup.scenario, JSON.stringify(scenario));
  const env = { ...process.env, PATH: installFakeQemu(dir, 'faults'), TMPDIR: setup.tmp, CI: '1', ...fault };
  return { ...setup, env };
}

/** Starts `clonelab run` on the setup's scenario (TCG, one VM, no retries) without waiting. */
export function startRun(setup: FaultRunSetup, extra: readonly string[] = [], env: NodeJS.ProcessEnv = {}): ResultPromise<{ reject: false; all: true; env: NodeJS.ProcessEnv }> {
  return execa(process.execPath, [CLI, 'run', setup.scenario, '--out', setup.out, '--accel', 'tcg', '--jobs', '1', '--retries', '0', ...extra], {
    reject: false, all: true, env: { ...setup.env, ...env },
  });
}

/** Parses results.json: it must be whole JSON (atomic write), never half-written. */
export function readResults(out: string): RunResult {
  return JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as RunResult;
}

/** Host processes (QEMU, wimlib, mkfs, mkntfs) whose command line names the setup's folder. */
export async function findLeftoverProcesses(dir: string): Promise<string> {
  const found = await execa('pgrep', ['-af', `(qemu-system|wimlib-imagex|mkfs|mkntfs|replay-guest|hostile-guest).*${dir}`], { reject: false });
  // pgrep -f also matches itself when the pattern is in its own argv: drop that line.
  return found.stdout.split('\n').filter((line) => line && !line.includes('pgrep')).join('\n');
}

/** Files left in the setup's TMPDIR and temporary names (`.tmp-`, `.installing-`) anywhere under the output folder. */
export function findTemporaryFiles(setup: FaultRunSetup): string[] {
  const inTmp = readdirSync(setup.tmp).map((name) => path.join(setup.tmp, name));
  return [...inTmp, ...findFiles(setup.out, /\.tmp-|\.installing-|\.partial/)];
}

/** The assertions after every fault: no tool process left, no temporary file left. */
export async function assertCleanAfter(t: ExecutionContext, setup: FaultRunSetup): Promise<void> {
  // execa's cleanup kills children as the CLI exits: give the kernel a moment to reap them.
  let leftover = await findLeftoverProcesses(setup.dir);
  for (let tries = 0; leftover !== '' && tries < 20; tries += 1) {
    await sleep(250);
    leftover = await findLeftoverProcesses(setup.dir);
  }
  t.is(leftover, '', 'no qemu/wimlib/mkfs process left');
  t.deepEqual(findTemporaryFiles(setup), [], 'no temporary file left');
}

/** SHA-256 of a file (the master must not change). */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Waits (bounded) until `find` returns something; throws naming `what` when it does not. */
export async function waitFor<T>(what: string, find: () => T | undefined | Promise<T | undefined>, limitMs = 120_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const found = await find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(100);
  }
}

/** The pids of real QEMU processes whose command line names `dir`. */
export async function findQemuPids(dir: string): Promise<number[]> {
  const found = await execa('pgrep', ['-f', `^/usr/bin/qemu-system-x86_64 .*${dir}`], { reject: false });
  return found.stdout.split('\n').filter(Boolean).map(Number);
}

/** Files under `dir` (relative paths) whose name matches. */
export function findFiles(dir: string, pattern: RegExp): string[] {
  try {
    return readdirSync(dir, { recursive: true }).map(String).filter((name) => pattern.test(name)).map((name) => path.join(dir, name));
  } catch (error) {
    // The run may remove a folder (a staged tree) while it is being listed: that is "not yet".
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
