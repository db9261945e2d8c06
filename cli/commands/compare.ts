import type { Command } from 'commander';
import { compareRuns } from '../../reports/compare/compare-runs.js';
import { formatComparison } from '../../reports/compare/format-comparison.js';
import { loadResults } from '../../reports/load-results.js';
import { printJson } from '../run-cli.js';

/** Registers `clonelab compare BASE.json HEAD.json`: regressions, fixes, still failing, triage; exit 1 on a regression. */
export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('compare two results.json files: regressions (exit 1), fixes, still failing, new/removed scenarios and models, each failure triaged')
    .argument('<base>', 'results.json of the baseline run (e.g. the default branch)')
    .argument('<head>', 'results.json of the run to judge')
    .option('--json', 'print the comparison as JSON')
    .action(async (basePath: string, headPath: string, options: { json?: boolean }) => {
      const [base, head] = await Promise.all([loadResults(basePath), loadResults(headPath)]);
      const comparison = compareRuns(base, head);
      if (options.json) printJson(comparison);
      else console.log(formatComparison(comparison));
      process.exitCode = comparison.regressions.length > 0 ? 1 : 0;
    });
}
