#!/usr/bin/env node
// The clonelab command line: one file per command under ./commands, registered here.
import { Command } from 'commander';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerMachinesCommand } from './commands/machines.js';
import { registerRunCommand } from './commands/run.js';
import { registerScenariosCommand } from './commands/scenarios.js';
import { registerDiskCommand } from './commands/disk.js';
import { registerImageCommand } from './commands/image.js';
import { registerCloneCommand } from './commands/clone.js';
import { registerGuestCommand } from './commands/guest.js';
import { registerCompareCommand } from './commands/compare.js';
import { registerMergeCommand } from './commands/merge.js';
import { registerInspectCommand } from './commands/inspect.js';
import { registerBisectCommand } from './commands/bisect.js';
import { runCli } from './run-cli.js';

const program = new Command('clonelab')
  .description('A hardware lab in a box for disk images: clone a master onto many QEMU hardware models and check identity and drivers.')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

registerDoctorCommand(program);
registerMachinesCommand(program);
registerRunCommand(program);
registerScenariosCommand(program);
registerDiskCommand(program);
registerImageCommand(program);
registerCloneCommand(program);
registerGuestCommand(program);
registerCompareCommand(program);
registerMergeCommand(program);
registerInspectCommand(program);
registerBisectCommand(program);

await runCli(program, process.argv);
