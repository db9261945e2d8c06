import type { Command } from 'commander';
import Table from 'cli-table3';
import { hardwareCatalog } from '../../machines/catalog/models.js';
import { describeModelDevices } from '../../machines/catalog/describe-model.js';
import { resolveModel } from '../../harness/hardware/resolve-model.js';
import { resolveConfinement } from '../../harness/qemu/confinement.js';
import { buildQemuArgs } from '../../harness/qemu/build-args.js';
import { printJson } from '../run-cli.js';

/** Registers `clonelab machines list|show`: the hardware catalog as a table or JSON. */
export function registerMachinesCommand(program: Command): void {
  const machines = program.command('machines').description('the hardware catalog');
  machines
    .command('list')
    .description('list the hardware models')
    .option('--json', 'print the models as JSON')
    .action((options: { json?: boolean }) => {
      if (options.json) return printJson(hardwareCatalog);
      const table = new Table({ style: { head: [], border: [] }, head: ['model', 'chipset', 'nic', 'video', 'storage', 'purpose'], wordWrap: true, colWidths: [24, 8, 16, 13, 17, 60] });
      for (const model of hardwareCatalog) {
        const storage = model.storage.slot === undefined ? `${model.storage.device}*` : `${model.storage.device}@${model.storage.slot}`;
        table.push([model.name, model.chipset, model.nics.map((nic) => `${nic.device}@${nic.slot}`).join(' '), `${model.video.device}@${model.video.slot}`, storage, model.purpose]);
      }
      console.log(`${table.toString()}\n${hardwareCatalog.length} models; device@slot, * = built into the chipset`);
    });
  machines
    .command('show <name>')
    .description('show one model: devices, slots, PCI ids, expected drivers')
    .option('--json', 'print the model as JSON')
    .option('--qemu-args', 'print the QEMU argv this model gets (example disk and kernel paths)')
    .action(async (name: string, options: { json?: boolean; qemuArgs?: boolean }) => {
      const model = resolveModel(name);
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
      console.log(`${model.name} (${model.chipset}, ${model.cpus} CPU, ${model.memoryMiB} MiB): ${model.purpose}\n${table.toString()}`);
    });
}
