import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { invalidInput } from '../../harness/errors/errors.js';
import { resolveAccel, type AccelChoice } from '../../harness/qemu/accel.js';
import { filterForShard, parseShard } from '../../harness/plan/filter-for-shard.js';
import { planRun } from '../../harness/plan/plan-run.js';
import { MAX_REPEATS, repeatPlan } from '../../harness/plan/repeat-plan.js';
import { parseTags, selectByTags } from '../../harness/plan/select-by-tags.js';
import { resolveModel } from '../../harness/hardware/resolve-model.js';
import { lockOutDir } from '../../harness/run/out-dir-lock.js';
import { runLab } from '../../harness/run/run-lab.js';
import { RETENTION_POLICIES, type RetentionPolicy } from '../../harness/run/retention.js';
import { resolveRun } from '../load-scenarios.js';
import { collect } from '../collect.js';
import { tagOption } from '../tag-option.js';
import { GUEST_CHOICES, selectLibrary } from '../select-library.js';
import { describeMatrices } from '../describe-matrices.js';
import { checkMasterCache } from '../check-master-cache.js';
import { createProgress } from '../progress.js';
import { printJson } from '../run-cli.js';
import { exitCodeOf, printSummary } from '../run-summary.js';
import { loadResults } from '../../reports/load-results.js';
import { createDefaultReporters, REPORT_FILES } from '../../reports/write-reports.js';

interface RunOptions { models: string[]; tag: string[]; guest?: string; machines?: string; pairwise?: boolean; repeat: string; jobs: string; bootTimeout: string; shard?: string; retries: string; accel: string; out: string; json?: boolean; baseline?: string; masterCache?: string; keep: string }

/** Registers `clonelab run`: scenarios × hardware models, checks with evidence, results in --out. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run scenarios (default: the built-in library) across hardware models; exit 0 as expected, 1 not, 2 infrastructure errors')
    .argument('[scenario...]', 'built-in scenario names or scenario files (.js/.mjs/.json)')
    .option('--models <file>', 'hardware models of yours (.json, .js/.mjs; repeatable): they join the built-in catalog', collect, [])
    .addOption(tagOption())
    .option('--guest <profile>', `with no scenario named: the built-in scenarios of this guest (${GUEST_CHOICES.join(', ')}); default reference, or every guest with --tag`)
    .option('--machines <names>', 'only these hardware models as targets (comma-separated)')
    .option('--pairwise', 'a matrix scenario (targets: { base, vary }) runs a pairwise covering array instead of the full product')
    .option('--repeat <n>', 'run each selected scenario n times and report each failure\'s reproduction rate with its 95 % interval (fresh masters; with --master-cache, the cached one)', '1')
    .option('--jobs <n>', 'VMs at once', String(os.availableParallelism()))
    .option('--shard <i/n>', 'run only shard i of n (deterministic)')
    .option('--retries <n>', 'retries of infrastructure errors', '1')
    .option('--boot-timeout <seconds>', 'limit of one guest boot (a hung guest fails its phase after this)', '180')
    .option('--accel <mode>', 'auto | kvm | tcg', 'auto')
    .option('--out <dir>', 'output folder', 'clonelab-out')
    .option('--json', 'print the results JSON instead of the summary')
    .option('--baseline <file>', 'results.json of a baseline run: the HTML report compares with it')
    .option('--master-cache <dir>', 'keep installed and generalized masters in this folder and reuse them in later runs (same master description and guest build)')
    .option('--keep <what>', 'what the run leaves in --out: failures (disks and boot files only of scenarios that did not end as expected), all, or none; logs, screenshots and runqemu.sh always; masters only with --master-cache or all', 'failures')
    .action(async (args: string[], options: RunOptions) => {
      const jobs = parseCount('--jobs', options.jobs, 1);
      const retries = parseCount('--retries', options.retries, 0);
      const bootTimeout = Number(options.bootTimeout);
      if (!Number.isInteger(bootTimeout) || bootTimeout < 5 || bootTimeout > 3600) throw invalidInput('--boot-timeout', 'a whole number of seconds from 5 to 3600', options.bootTimeout);
      if (!['auto', 'kvm', 'tcg'].includes(options.accel)) throw invalidInput('--accel', '"auto", "kvm" or "tcg"', options.accel);
      if (!RETENTION_POLICIES.includes(options.keep as RetentionPolicy)) throw invalidInput('--keep', '"failures", "all" or "none"', options.keep);
      const { scenarios: named, catalog } = await resolveRun(args, options.models);
      const tags = parseTags(options.tag);
      if (options.guest !== undefined && args.length > 0) throw invalidInput('--guest', 'no scenario names (it selects built-in scenarios when none are named)', `--guest ${options.guest} with ${args.join(' ')}`);
      const scenarios = selectByTags(args.length === 0 ? selectLibrary(named, options.guest, tags) : named, tags);
      const machines = options.machines?.split(',').map((name) => resolveModel(name.trim(), catalog).name);
      let plan = planRun(scenarios, catalog, { ...(machines ? { machines } : {}), pairwise: options.pairwise === true });
      const repeat = parseCount('--repeat', options.repeat, 1, MAX_REPEATS);
      plan = repeatPlan(plan, repeat, { freshMasters: options.masterCache === undefined });
      if (options.shard) plan = filterForShard(plan, parseShard(options.shard));
      if (plan.scenarios.length === 0) throw invalidInput('selection', 'at least one scenario with a target among the chosen machines', { scenarios: args, tags: options.tag, machines });
      const baseline = options.baseline ? await loadResults(options.baseline) : undefined;
      const outDir = path.resolve(options.out);
      const masterCache = options.masterCache === undefined ? undefined : await checkMasterCache(options.masterCache, outDir);
      const unlock = await lockOutDir(outDir);
      const accel = await resolveAccel(options.accel as AccelChoice);
      const controller = new AbortController();
      let interrupts = 0;
      const onSignal = (signal: NodeJS.Signals): void => {
        interrupts += 1;
        if (interrupts > 1) process.exit(130); // second Ctrl-C: leave now (children are killed on exit)
        console.error(`\nclonelab: ${signal}: stopping VMs and writing partial results (again to force exit)`);
        controller.abort(new Error(`interrupted by ${signal}`));
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const progress = createProgress(!options.json && Boolean(process.stdout.isTTY) && !process.env.CI);
      const clones = plan.scenarios.reduce((sum, entry) => sum + entry.clones.length, 0);
      if (!options.json) for (const line of describeMatrices(plan)) console.log(line);
      if (!options.json) console.log(`clonelab: ${plan.scenarios.length} scenarios${repeat > 1 ? ` (${repeat} repeats each)` : ''}, ${clones} clones, ${jobs} VMs at once, ${accel.toUpperCase()}${plan.shard ? `, shard ${plan.shard.index}/${plan.shard.total}` : ''} → ${outDir}`);
      try {
        const result = await runLab({
          plan, catalog, outDir, accel, jobs, retries, bootTimeoutMs: bootTimeout * 1000, signal: controller.signal, keep: options.keep as RetentionPolicy, ...(masterCache ? { masterCache } : {}), reporter: createDefaultReporters(outDir, baseline ? { baseline } : {}),
          onVmState: (event) => progress.vmState(event), onScenarioEnd: (scenario) => (options.json ? undefined : progress.scenarioEnd(scenario)),
        });
        progress.stop();
        if (options.json) printJson(result);
        else {
          printSummary(result, outDir);
          if (result.retention) console.log(`kept: ${(result.retention.keptBytes / 2 ** 20).toFixed(0)} MiB in ${outDir} (${result.retention.note})`);
          console.log(path.join(outDir, REPORT_FILES.html));
        }
        process.exitCode = exitCodeOf(result);
      } finally {
        progress.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await unlock();
      }
    });
}

function parseCount(flag: string, text: string, min: number, max = 64): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw invalidInput(flag, `a whole number from ${min} to ${max}`, text);
  return value;
}
