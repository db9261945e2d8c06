import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import tmp from 'tmp';
import { runLab } from '../../../../harness/run/run-lab.js';
import { planRun } from '../../../../harness/plan/plan-run.js';
import type { RunResult, ScenarioResult } from '../../../../harness/results/types.js';
import { validateScenario } from '../../../../harness/spec/validate-scenario.js';
import { compareRuns } from '../../../../reports/compare/compare-runs.js';
import { loadResults } from '../../../../reports/load-results.js';
import { createDefaultReporters } from '../../../../reports/write-reports.js';
import { packWim } from '../../../fixtures/windows/windows-images.js';
import { formatMachineSid, WIN10_STORAGE, writeWindowsSystem, type SystemSpec } from '../../../fixtures/windows/windows-system.js';

// The `windows` scenario kind through the whole lifecycle (plan → install → capture → apply ×
// N → "boot" = offline inspection → checks → results.json → JUnit, HTML, compare), on fixture
// NT 10 systems packed into WIMs. No VM runs: real wimlib, ntfs-3g tools and hivex only.

const scratch = tmp.dirSync({ unsafeCleanup: true, prefix: 'clonelab-windows-fleet-' });
test.after.always(() => scratch.removeCallback());

const SID: [number, number, number] = [1111111111, 2222222222, 333333333];
const specialized: SystemSpec = { nt: '10.0', computerName: 'GOLD-PC', machineSid: SID };
// storahci serves desktop-ahci's controller (8086:2922) but starts on demand: STOP 0x7B there only.
const demandAhci: SystemSpec = { ...specialized, storage: { ...WIN10_STORAGE, storahci: { ...WIN10_STORAGE.storahci!, start: 3 } } };
const generalized: SystemSpec = { nt: '10.0', machineSid: SID, generalized: true };

async function makeWim(name: string, spec: SystemSpec): Promise<string> {
  const dir = path.join(scratch.name, `${name}-tree`);
  await mkdir(dir, { recursive: true });
  await writeWindowsSystem(dir, spec);
  const wim = path.join(scratch.name, `${name}.wim`);
  await packWim(wim, [{ dir, name }]);
  return `${wim}:1`;
}

function scenario(name: string, image: string, method: string, targets: unknown, expect: unknown): unknown {
  return { name, description: `windows scenario kind: ${name}`, master: { guest: 'windows', image, machine: 'desktop-e1000', geometry: { size: '64M' } }, capture: { method }, targets, clonesPerTarget: 2, expect };
}

async function run(name: string, scenarios: unknown[]): Promise<RunResult> {
  const outDir = path.join(scratch.name, name);
  await mkdir(outDir, { recursive: true });
  const plan = planRun(scenarios.map((input) => validateScenario(input)));
  await runLab({ plan, outDir, accel: 'tcg', jobs: 2, retries: 0, signal: new AbortController().signal, reporter: createDefaultReporters(outDir, { embedScreenshots: false }) });
  return loadResults(path.join(outDir, 'results.json'));
}

const failed = (result: ScenarioResult): string[] => [...new Set(result.checks.filter((check) => check.status === 'fail').flatMap((check) => check.failures))].sort();
const check = (result: ScenarioResult, id: string, cloneId?: string) => result.checks.find((entry) => entry.id === id && entry.cloneId === cloneId);
const find = (results: RunResult, name: string): ScenarioResult => results.scenarios.find((entry) => entry.name === name)!;

test.serial('sector and file clones of a specialized image, a generalized image, a demand-start storage driver: results, JUnit, HTML and compare', async (t) => {
  t.timeout(15 * 60_000, 'four scenarios of two clones each, through wimlib and ntfs-3g');
  const gold = await makeWim('gold', specialized);
  const sysprepped = await makeWim('sysprepped', generalized);
  const ahci = await makeWim('demand-ahci', demandAhci);
  const results = await run('run-1', [
    scenario('win-sector', gold, 'sector', [{ machine: 'desktop-e1000' }], { reproduces: ['duplicate-machine-sid', 'duplicate-account-sid', 'duplicate-computer-name', 'duplicate-disk-signature', 'master-sid-reused'] }),
    scenario('win-file', gold, 'file', [{ machine: 'desktop-e1000' }], { reproduces: ['duplicate-machine-sid', 'duplicate-account-sid', 'duplicate-computer-name', 'master-sid-reused'] }),
    scenario('win-generalized', sysprepped, 'file', [{ machine: 'desktop-e1000' }], 'pass'),
    scenario('win-ahci', ahci, 'file', [{ machine: 'desktop-e1000' }, { machine: 'desktop-ahci', expect: { reproduces: ['stop-0x7b'] } }], { reproduces: ['duplicate-machine-sid', 'duplicate-account-sid', 'duplicate-computer-name', 'master-sid-reused'] }),
  ]);
  const sector = find(results, 'win-sector');
  t.is(sector.status, 'reproduced', JSON.stringify(sector.verdict ?? sector.error));
  t.deepEqual(failed(sector), ['duplicate-account-sid', 'duplicate-computer-name', 'duplicate-disk-signature', 'duplicate-machine-sid', 'master-sid-reused']);
  t.is(sector.masterIdentity?.value, formatMachineSid(SID));
  const signatures = check(sector, 'disk-signature-unique')!.evidence.values as Record<string, string[]>;
  t.is(new Set(Object.values(signatures).flat()).size, 1, 'a sector clone keeps the disk signature');
  t.regex(Object.values(signatures)[0]![0]!, /^mbr:[0-9a-f]{8}$/);
  t.is(check(sector, 'nics-up', 'win-sector/desktop-e1000#1')?.status, 'skip', 'no VM, no MACs: the NIC check does not judge');
  t.is(check(sector, 'devices-started', 'win-sector/desktop-e1000#1')?.status, 'pass');
  t.true(sector.clones.every((clone) => clone.status === 'booted' && clone.artifacts.runScript === undefined));

  const file = find(results, 'win-file');
  t.is(file.status, 'reproduced', JSON.stringify(file.verdict ?? file.error));
  t.deepEqual(failed(file), ['duplicate-account-sid', 'duplicate-computer-name', 'duplicate-machine-sid', 'master-sid-reused']);
  t.is(check(file, 'disk-signature-unique')?.status, 'pass', 'a file clone gets a new disk (a new signature)');

  const general = find(results, 'win-generalized');
  t.is(general.status, 'passed', JSON.stringify(general.verdict ?? general.error));
  t.deepEqual(failed(general), []);
  t.is(general.masterIdentity, undefined, 'a generalized master has no machine SID in use');
  t.regex(check(general, 'booted', 'win-generalized/desktop-e1000#1')?.summary ?? '', /generalized/);
  t.is(check(general, 'machine-sid-unique')?.status, 'skip');
  t.regex(check(general, 'machine-sid-unique')?.summary ?? '', /not reported by 2 clone\(s\)/);
  t.is(check(general, 'master-sid-not-reused')?.status, 'skip');

  const ahciResult = find(results, 'win-ahci');
  t.is(ahciResult.status, 'reproduced', JSON.stringify(ahciResult.verdict ?? ahciResult.error));
  const stop = check(ahciResult, 'booted', 'win-ahci/desktop-ahci#1')!;
  t.deepEqual(stop.failures, ['stop-0x7b']);
  t.regex(stop.summary, /^predicted STOP 0x0000007B INACCESSIBLE_BOOT_DEVICE on desktop-ahci: storahci .* Start 3 \(demand\).*Services\\storahci\\Start = 3/);
  t.deepEqual(check(ahciResult, 'booted', 'win-ahci/desktop-ahci#2')?.failures, ['stop-0x7b']);
  t.deepEqual(check(ahciResult, 'booted', 'win-ahci/desktop-e1000#1')?.failures, [], 'the IDE model boots');
  t.deepEqual(ahciResult.verdict?.unexpected, [], 'stop-0x7b on desktop-ahci only');

  // The reports: JUnit and HTML name the same failures, and show the inspection as the console.
  const junit = readFileSync(path.join(scratch.name, 'run-1', 'junit.xml'), 'utf8');
  t.regex(junit, /duplicate-disk-signature/);
  t.regex(junit, /inspected offline \(no VM\)/);
  const html = readFileSync(path.join(scratch.name, 'run-1', 'report.html'), 'utf8');
  t.regex(html, /win-sector/);
  t.regex(html, /duplicate-disk-signature/);

  // compare: the generalized scenario, now given the specialized image, regresses with the duplicates named.
  const later = await run('run-2', [scenario('win-generalized', gold, 'file', [{ machine: 'desktop-e1000' }], 'pass')]);
  const comparison = compareRuns(results, later);
  t.deepEqual(comparison.regressions.map((change) => [change.scenario, change.before, change.after]), [['win-generalized', 'passed', 'failed']]);
  t.true(comparison.regressions[0]!.triage.some((entry) => JSON.stringify(entry).includes('duplicate-machine-sid')), JSON.stringify(comparison.regressions[0]!.triage));
});
