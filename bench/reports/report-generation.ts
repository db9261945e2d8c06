// Benchmark (not a test): report generation for a 500-clone result synthesized from real result
// shapes (the small-run fixture's clones, checks and artifacts). Budget: all reports < 2 s, the
// HTML < 5 MB without screenshots.
// Run from the project root: node dist/bench/reports/report-generation.js [CLONES]
import path from 'node:path';
import { stat, symlink } from 'node:fs/promises';
import Table from 'cli-table3';
import tmp from 'tmp';
import { hardwareCatalog } from '../../machines/catalog/models.js';
import { writeReports } from '../../reports/write-reports.js';
import { resultsFixtureDir, synthesizeRun } from '../../test/fixtures/results/load-fixture.js';

const clones = Number(process.argv[2] ?? 500);
const machines = hardwareCatalog.slice(0, 10).map((model) => model.name);
const scenarios = Math.ceil(clones / machines.length);
const run = synthesizeRun({
  scenarios, machines, clonesPerMachine: 1,
  inject: [{ scenario: 'scenario-002', machines: machines.slice(2, 4), failure: 'problem-10' }],
  errored: ['scenario-003/desktop-lsi'],
});

const dir = tmp.dirSync({ unsafeCleanup: true });
// As in a real run, the artifacts live under the report's folder (links are short relative paths).
await symlink(path.join(resultsFixtureDir, 'small-run', 'scenarios'), path.join(dir.name, 'scenarios'));
for (const clone of run.scenarios.flatMap((scenario) => scenario.clones)) {
  for (const key of ['consoleLog', 'agentLog', 'runScript', 'screenshot'] as const) {
    const file = clone.artifacts[key];
    if (file) clone.artifacts[key] = path.join(dir.name, path.relative(path.join(resultsFixtureDir, 'small-run'), file));
  }
}

const table = new Table({ head: ['reports', 'clones', 'best of 3 (ms)', 'CPU of the best (ms)', 'report.html (bytes)', 'junit.xml (bytes)', 'results.json (bytes)'] });
try {
  for (const embedScreenshots of [false, true]) {
    let fastest = Infinity;
    let cpu = 0;
    // The machine is shared: wall time is noisy, the process's CPU time less so.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      await writeReports(run, dir.name, { embedScreenshots });
      const elapsed = performance.now() - started;
      if (elapsed < fastest) {
        fastest = elapsed;
        const used = process.cpuUsage(cpuStarted);
        cpu = (used.user + used.system) / 1000;
      }
    }
    const size = async (name: string): Promise<number> => (await stat(path.join(dir.name, name))).size;
    table.push([embedScreenshots ? 'all three, screenshots embedded' : 'all three, no screenshots', run.scenarios.flatMap((scenario) => scenario.clones).length,
      fastest.toFixed(0), cpu.toFixed(0), await size('report.html'), await size('junit.xml'), await size('results.json')]);
  }
} finally {
  dir.removeCallback();
}
console.log(table.toString());
