// A scenario's file clone onto FAT whose image holds names FAT cannot: refused (apply-refused)
// unless the scenario accepts the loss (capture.lossy), and then every loss is a tree-mismatch.
// The image is a plain folder capture without boot files, so no VM is started: the lossy clone
// ends at the boot loader (STOP 0xED), after the apply this test is about.
import test from 'ava';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { hardwareCatalog } from '../../../../machines/catalog/models.js';
import { runCloneChecks } from '../../../../harness/checks/clone-checks.js';
import { captureWim, type CapturedImage } from '../../../../harness/imaging/index.js';
import type { RunContext } from '../../../../harness/lifecycle/steps/run-context.js';
import { runClone } from '../../../../harness/lifecycle/steps/run-clone.js';
import { planRun } from '../../../../harness/plan/plan-run.js';
import { validateScenario } from '../../../../harness/spec/validate-scenario.js';
import { makeScratch } from '../../disks/fixtures.js';

const scratch = makeScratch();

const image = (async (): Promise<CapturedImage> => {
  const docs = path.join(scratch, 'tree', 'Docs');
  await mkdir(docs, { recursive: true });
  await writeFile(path.join(docs, 'CaseName.TXT'), 'upper\n');
  await writeFile(path.join(docs, 'casename.txt'), 'lower\n');
  await writeFile(path.join(docs, 'x:y.txt'), 'colon\n');
  const wim = path.join(scratch, 'names.wim');
  await captureWim(path.join(scratch, 'tree'), wim);
  return { method: 'file', path: wim, source: path.join(scratch, 'tree'), storedBytes: 0, index: 1, notes: [] };
})();

function runContext(name: string): RunContext {
  return {
    runDir: path.join(scratch, name), accel: 'tcg', catalog: hardwareCatalog, vmPermits: pLimit(1), retries: 0, bootTimeoutMs: 5000,
    shared: new Map(), signal: new AbortController().signal,
  };
}

async function cloneOnce(name: string, capture: Record<string, unknown>) {
  const scenario = validateScenario({
    name, description: 'file clone onto FAT16 of an image with names FAT cannot hold',
    master: { machine: 'desktop-e1000', geometry: { size: '64M', filesystem: 'ntfs' } },
    capture: { method: 'file', ...capture }, targets: [{ machine: 'desktop-e1000', geometry: { size: '40M', filesystem: 'fat16' } }],
  });
  const planned = planRun([scenario]).scenarios[0]!;
  const captured = { method: 'file', image: await image, notes: [], checks: [] };
  return runClone(runContext(name), planned, planned.clones[0]!, captured, new AbortController().signal);
}

test('without lossy the clone is refused and its applied check names apply-refused and the three names', async (t) => {
  const run = await cloneOnce('fat-names-refused', {});
  t.is(run.status, 'refused');
  const applied = runCloneChecks(run.facts!).find((check) => check.id === 'applied');
  t.deepEqual(applied?.failures, ['apply-refused']);
  for (const name of ['/Docs/CaseName.TXT', '/Docs/casename.txt', '/Docs/x:y.txt']) t.true(applied?.summary.includes(name), name);
});

test('with capture.lossy the clone is applied and its applied check fails with tree-mismatch, listing every loss', async (t) => {
  const run = await cloneOnce('fat-names-lossy', { lossy: true });
  t.is(run.status, 'booted', JSON.stringify(run.error));
  t.deepEqual(run.facts?.fatLosses?.map((loss) => loss.path), ['/Docs/CaseName.TXT', '/Docs/casename.txt', '/Docs/x:y.txt']);
  t.true(run.notes.some((note) => note.includes('lossy apply onto FAT: 3 names')));
  const applied = runCloneChecks(run.facts!).find((check) => check.id === 'applied');
  t.like(applied, { status: 'fail', failures: ['tree-mismatch'] });
  t.is((applied?.evidence.losses as unknown[]).length, 3);
});

test('capture.lossy belongs to file clones only', (t) => {
  const error = t.throws(() => validateScenario({
    name: 'lossy-sector', description: 'lossy has no meaning for a sector clone', master: { machine: 'desktop-e1000' },
    capture: { method: 'sector', lossy: true }, targets: [{ machine: 'desktop-e1000' }],
  }));
  t.regex(error?.message ?? '', /capture\.lossy: only a file \(WIM\) apply changes the filesystem and its name rules, got method "sector"/);
});
