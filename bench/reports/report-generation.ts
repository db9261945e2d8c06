// Benchmark (not a test): report generation for a large result synthesized from a real one, as
// bench section 5 does, without running a fleet first: any results.json a run or merge wrote
// (default: `clonelab run`'s clonelab-out/results.json), its clones repeated until CLONES (default
// 500), artifacts still its real logs and screenshots. Budget: all reports < 2 s, the HTML < 5 MB
// without screenshots.
// Run from the project root: node dist/bench/reports/report-generation.js [RESULTS_JSON] [CLONES]
import path from 'node:path';
import { stat } from 'node:fs/promises';
import Table from 'cli-table3';
import tmp from 'tmp';
import { loadResults } from '../../reports/load-results.js';
import { rebaseArtifacts } from '../../reports/merge/rebase-artifacts.js';
import { writeReports } from '../../reports/write-reports.js';
import { synthesizeResult } from '../lib/synthesize-result.js';

const resultsFile = process.argv[2] ?? 'clonelab-out/results.json';
const clones = Number(process.argv[3] ?? 500);
const real = rebaseArtifacts(await loadResults(resultsFile), path.dirname(path.resolve(resultsFile)));
const run = synthesizeResult(real, clones);

const dir = tmp.dirSync({ unsafeCleanup: true });
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
