import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { runBisect } from '../../harness/bisect/run-bisect.js';
import { invalidInput } from '../../harness/errors/errors.js';
import { resolveModel } from '../../harness/hardware/resolve-model.js';
import { resolveAccel, type AccelChoice } from '../../harness/qemu/accel.js';
import { lockOutDir } from '../../harness/run/out-dir-lock.js';
import { writeReports } from '../../reports/write-reports.js';
import { checkMasterCache } from '../check-master-cache.js';
import { collect } from '../collect.js';
import { formatBisect } from '../format-bisect.js';
import { resolveRun } from '../load-scenarios.js';
import { printJson } from '../run-cli.js';

interface BisectOptions { good: string; bad: string; models: string[]; json?: boolean; out: string; masterCache: string; jobs: string; accel: string; bootTimeout: string; retries: string }

/** Registers `clonelab bisect SCENARIO --good MODEL --bad MODEL`: the smallest hardware change that breaks a scenario. */
export function registerBisectCommand(program: Command): void {
  program
    .command('bisect')
    .description('find the smallest hardware change between a good and a bad model that breaks a scenario: one dimension at a time, then pairs; exit 0 when named, 1 when the bad model does not break it, 2 on errors')
    .argument('<scenario>', 'a built-in scenario name or a scenario file holding one scenario (its targets are replaced by the models between good and bad)')
    .requiredOption('--good <model>', 'a model on which the scenario ends as expected')
    .requiredOption('--bad <model>', 'a model on which it does not')
    .option('--models <file>', 'hardware models of yours (.json, .js/.mjs; repeatable): they join the built-in catalog', collect, [])
    .option('--out <dir>', 'output folder: results.json with a bisect section, report.html, junit.xml, each round in rounds/N', 'clonelab-bisect')
    .option('--master-cache <dir>', 'masters kept across the rounds (and runs)', '<out>/master-cache')
    .option('--jobs <n>', 'VMs at once', String(os.availableParallelism()))
    .option('--retries <n>', 'retries of infrastructure errors', '1')
    .option('--boot-timeout <seconds>', 'limit of one guest boot', '180')
    .option('--accel <mode>', 'auto | kvm | tcg', 'auto')
    .option('--json', 'print the bisect section (dimensions, steps with evidence, culprits) as JSON')
    .action(async (arg: string, options: BisectOptions) => {
      const jobs = Number(options.jobs);
      const retries = Number(options.retries);
      const bootTimeout = Number(options.bootTimeout);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw invalidInput('--jobs', 'a whole number from 1 to 64', options.jobs);
      if (!Number.isInteger(retries) || retries < 0 || retries > 64) throw invalidInput('--retries', 'a whole number from 0 to 64', options.retries);
      if (!Number.isInteger(bootTimeout) || bootTimeout < 5 || bootTimeout > 3600) throw invalidInput('--boot-timeout', 'a whole number of seconds from 5 to 3600', options.bootTimeout);
      if (!['auto', 'kvm', 'tcg'].includes(options.accel)) throw invalidInput('--accel', '"auto", "kvm" or "tcg"', options.accel);
      const { scenarios, catalog } = await resolveRun([arg], options.models);
      if (scenarios.length !== 1) throw invalidInput('scenario', 'one scenario (a built-in name, or a file holding one)', `${arg} (${scenarios.map((scenario) => scenario.name).join(', ')})`);
      const [scenario] = scenarios as [typeof scenarios[number]];
      const good = resolveModel(options.good, catalog);
      const bad = resolveModel(options.bad, catalog);
      const outDir = path.resolve(options.out);
      const cacheGiven = options.masterCache === '<out>/master-cache' ? path.join(outDir, 'master-cache') : options.masterCache;
      // Each round replaces its own rounds/N folder, never the cache.
      const masterCache = await checkMasterCache(cacheGiven, path.join(outDir, 'rounds'));
      const unlock = await lockOutDir(outDir);
      const controller = new AbortController();
      const onSignal = (): void => controller.abort(new Error('interrupted'));
      process.once('SIGINT', onSignal);
      try {
        const accel = await resolveAccel(options.accel as AccelChoice);
        const { result, failure } = await runBisect({
          scenario, good, bad, catalog, outDir, accel, jobs, retries, bootTimeoutMs: bootTimeout * 1000, masterCache, signal: controller.signal,
          onRound: (round, models) => { if (!options.json) console.log(`round ${round}: ${models.length} model(s): ${models.join(', ')}`); },
        });
        if (result.scenarios.length > 0) await writeReports(result, outDir);
        if (failure) throw failure;
        if (result.bisect && options.json) printJson(result.bisect);
        else if (result.bisect) console.log(`${formatBisect(result.bisect)}\n${path.join(outDir, 'report.html')}`);
        process.exitCode = result.bisect?.status === 'bad-keeps-outcome' ? 1 : 0;
      } finally {
        process.off('SIGINT', onSignal);
        await unlock();
      }
    });
}
