import path from 'node:path';
import type { Command } from 'commander';
import Table from 'cli-table3';
import { describeModelDevices, describePosition } from '../../machines/catalog/describe-model.js';
import type { ResolvedModel } from '../../machines/catalog/types.js';
import { resolveModels } from '../../harness/hardware/load-models.js';
import { resolveModel } from '../../harness/hardware/resolve-model.js';
import { resolveConfinement } from '../../harness/qemu/confinement.js';
import { buildQemuArgs } from '../../harness/qemu/build-args.js';
import { collect } from '../collect.js';
import { printJson } from '../run-cli.js';

const MODELS_OPTION = ['--models <file>', 'hardware models of yours (.json, .js/.mjs; repeatable): they join the built-in catalog'] as const;

/** Registers `clonelab machines list|show`: the hardware catalog (and the user's models) as a table or JSON. */
export function registerMachinesCommand(program: Command): void {
  const machines = program.command('machines').description('the hardware catalog');
  machines
    .command('list')
    .description('list the hardware models: the built-in catalog, and those of --models files')
    .option(...MODELS_OPTION, collect, [])
    .option('--json', 'print the models as JSON')
    .action(async (options: { json?: boolean; models: string[] }) => {
      const catalog = await resolveModels(options.models);
      if (options.json) return printJson(catalog);
      const users = catalog.some((model) => model.source !== undefined);
      const head = ['model', 'chipset', 'nic', 'video', 'storage', 'purpose', ...(users ? ['from'] : [])];
      const table = new Table({ style: { head: [], border: [] }, head, wordWrap: true, colWidths: [24, 9, 16, 14, 17, users ? 44 : 60, ...(users ? [16] : [])] });
      for (const model of catalog) {
        const at = (entry: { device: string; bus?: string | undefined; slot?: number | undefined }): string => `${entry.device}${describePosition(entry)}`;
        table.push([model.name, model.chipset, model.nics.map(at).join(' '), at(model.video), at(model.storage), model.purpose, ...(users ? [model.source ? path.basename(model.source) : 'built-in'] : [])]);
      }
      // The table cuts long words: each user model's file in full below it.
      const sources = catalog.filter((model) => model.source !== undefined).map((model) => `  ${model.name}: ${describeSource(model)}`);
      console.log(`${table.toString()}\n${catalog.length} models; device@slot (bus 0), device@bridge:slot, * = built into the chipset${sources.length ? `\nyour models:\n${sources.join('\n')}` : ''}`);
    });
  machines
    .command('show <name>')
    .description('show one model: bridges, devices, addresses, PCI ids, expected drivers')
    .option(...MODELS_OPTION, collect, [])
    .option('--json', 'print the model as JSON')
    .option('--qemu-args', 'print the QEMU argv this model gets (example disk and kernel paths)')
    .action(async (name: string, options: { json?: boolean; qemuArgs?: boolean; models: string[] }) => {
      const model = resolveModel(name, await resolveModels(options.models));
      if (options.qemuArgs) {
        const command = buildQemuArgs({
          name: model.name, model, disks: [{ path: 'disk.img', format: 'raw' }],
          boot: { kind: 'kernel', kernel: 'boot/vmlinux', initrd: 'boot/loader.img', append: 'console=ttyS0' },
          channels: { consoleLog: 'console.log', agentLog: 'agent.log', qmpSocket: 'qmp.sock' }, macSeed: model.name, accel: 'tcg',
          // This host's confinement, so the argv shown is the one a VM gets here.
          confinement: await resolveConfinement(),
        });
        return options.json ? printJson(command) : console.log([command.binary, ...command.args].join(' \\\n  '));
      }
      if (options.json) return printJson({ ...model, devices: describeModelDevices(model) });
      const table = new Table({ style: { head: [], border: [] }, head: ['kind', 'device', 'address', 'pci id', 'expected driver', 'notes'] });
      for (const row of describeModelDevices(model)) table.push([row.kind, row.device, row.address, row.pci, row.driver, row.note]);
      console.log(`${model.name} (${model.chipset}, ${model.cpus} CPU, ${model.memoryMiB} MiB${model.source ? `, ${describeSource(model)}` : ''}): ${model.purpose}\n${table.toString()}`);
    });
}

function describeSource(model: ResolvedModel): string {
  if (!model.source) return 'built-in';
  return `${model.source}${model.extends ? ` (extends ${model.extends})` : ''}`;
}
