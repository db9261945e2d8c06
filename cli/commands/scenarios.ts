import type { Command } from 'commander';
import Table from 'cli-table3';
import { resolveScenarios } from '../load-scenarios.js';
import { parseTags, selectByTags } from '../../harness/plan/select-by-tags.js';
import type { Scenario } from '../../harness/spec/schema.js';
import { collect } from '../collect.js';
import { tagOption } from '../tag-option.js';
import { printJson } from '../run-cli.js';

/** Registers `clonelab scenarios list|show`: the built-in library (or scenario files) with expected outcomes. */
export function registerScenariosCommand(program: Command): void {
  const scenarios = program.command('scenarios').description('the scenario library');
  scenarios
    .command('list')
    .description('list the built-in scenarios (or those of the given files) with their expected outcome')
    .argument('[file...]', 'scenario files to list instead of the built-in library')
    .option('--models <file>', 'hardware models of yours the scenario files target (.json, .js/.mjs; repeatable)', collect, [])
    .addOption(tagOption())
    .option('--json', 'print the scenarios as JSON')
    .action(async (files: string[], options: { json?: boolean; models: string[]; tag: string[] }) => {
      const list = selectByTags(await resolveScenarios(files, options.models), parseTags(options.tag));
      if (options.json) return printJson(list);
      const table = new Table({ style: { head: [], border: [] }, head: ['scenario', 'method', 'targets', 'expected', 'tags'], colWidths: [34, 12, 26, 44, 18], wordWrap: true });
      for (const scenario of list) table.push([scenario.name, describeMethod(scenario), describeTargets(scenario), describeExpected(scenario), scenario.tags.join(' ')]);
      console.log(`${table.toString()}\n${list.length} scenarios`);
    });
  scenarios
    .command('show <name>')
    .description('show one scenario as the lab will run it (defaults filled in)')
    .option('--models <file>', 'hardware models of yours the scenario targets (.json, .js/.mjs; repeatable)', collect, [])
    .action(async (name: string, options: { models: string[] }) => {
      const [scenario] = await resolveScenarios([name], options.models);
      printJson(scenario);
    });
}

function describeMethod(scenario: Scenario): string {
  const sysprep = scenario.generalize === false ? ''
    // A SID changer other than setupcl changes the SID only (no ACL rewrite).
    : `sysprep${scenario.generalize.massStorage ? '+ms' : ''}${scenario.generalize.sidChanger === 'setupcl' ? '' : ' (SID only)'} `;
  return `${sysprep}${scenario.capture.method}`;
}

function describeTargets(scenario: Scenario): string {
  const { targets: given } = scenario;
  const targets = given === 'all-models' ? 'every model' : Array.isArray(given) ? given.map((target) => target.machine).join(', ') : `${given.base} varying ${Object.keys(given.vary).join(', ')}`;
  return scenario.clonesPerTarget > 1 ? `${targets} ×${scenario.clonesPerTarget}` : targets;
}

function describeExpected(scenario: Scenario): string {
  const own = scenario.expect === 'pass' ? 'pass' : `reproduces ${scenario.expect.reproduces.join(', ')}`;
  const perTarget = !Array.isArray(scenario.targets)
    ? ['known model incompatibilities']
    : scenario.targets.flatMap((target) => (target.expect && target.expect !== 'pass' ? [`${target.expect.reproduces.join(', ')} on ${target.machine}`] : []));
  return perTarget.length ? `${own}; ${perTarget.join('; ')}` : own;
}
