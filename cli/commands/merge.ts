import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadResults } from '../../reports/load-results.js';
import { mergeResults } from '../../reports/merge/merge-results.js';
import { rebaseArtifacts } from '../../reports/merge/rebase-artifacts.js';
import { writeReports } from '../../reports/write-reports.js';
import { printJson } from '../run-cli.js';
import { exitCodeOf, printSummary } from '../run-summary.js';

interface MergeOptions { out: string; baseline?: string; json?: boolean }

/** Registers `clonelab merge SHARD.json… --out DIR`: one result and report from the shards of one plan. */
export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('join the results.json of `run --shard i/n` runs into one results.json, junit.xml and report.html; exit code as `run`')
    .argument('<shards...>', 'results.json files of the shards (artifacts are looked up next to each file)')
    .requiredOption('--out <dir>', 'output folder for the merged reports')
    .option('--baseline <file>', 'results.json of a baseline run: the HTML report gets a comparison section')
    .option('--json', 'print the merged results JSON instead of the summary')
    .action(async (files: string[], options: MergeOptions) => {
      const shards = await Promise.all(files.map(async (file) => ({ source: file, result: rebaseArtifacts(await loadResults(file), path.dirname(path.resolve(file))) })));
      const baseline = options.baseline ? await loadResults(options.baseline) : undefined;
      const { result, missingShards } = mergeResults(shards);
      if (missingShards.length > 0) console.error(`clonelab: warning: shard(s) ${missingShards.join(', ')} of ${result.planId} were not given; the merged result is partial`);
      const outDir = path.resolve(options.out);
      await mkdir(outDir, { recursive: true });
      const { html } = await writeReports(result, outDir, baseline ? { baseline } : {});
      if (options.json) printJson(result);
      else {
        printSummary(result, outDir);
        console.log(html);
      }
      process.exitCode = exitCodeOf(result);
    });
}
