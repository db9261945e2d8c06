import type { Command } from 'commander';
import { hardwareCatalog } from '../../../machines/catalog/models.js';
import { validateCatalog } from '../../../machines/validate/validate-model.js';
import { runDoctor } from '../../host/doctor.js';

/** Registers `clonelab run`: the main job. Until the scenario engine lands it checks the host and the catalog. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the built-in lab (scenarios × hardware models)')
    .action(async () => {
      const doctor = await runDoctor();
      for (const item of [...doctor.tools, ...doctor.cache]) console.log(`${item.ok ? 'ok  ' : 'FAIL'} ${item.name}: ${item.detail}`);
      console.log(`acceleration: ${doctor.accel.accel} (${doctor.accel.reason})`);
      const problems = validateCatalog(hardwareCatalog);
      for (const problem of problems) console.log(`catalog: ${problem.model}.${problem.field}: ${problem.message}`);
      console.log(`catalog: ${hardwareCatalog.length} hardware models: ${hardwareCatalog.map((model) => model.name).join(', ')}`);
      console.log('scenarios: the scenario engine is not built yet (issue 5), so no scenario ran.');
      if (!doctor.ok || problems.length > 0) process.exitCode = 2;
    });
}
