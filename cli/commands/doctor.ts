import type { Command } from 'commander';
import { runDoctor, type DoctorItem } from '../run-doctor.js';
import { describeConfinement } from '../../harness/qemu/build-args.js';
import { printJson } from '../run-cli.js';

/** Registers `clonelab doctor`: every tool with its version, the cache, the acceleration verdict and QEMU's confinement. */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check host tools, the cache, KVM and QEMU\'s sandbox; exits non-zero naming the fix when something is missing')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      const report = await runDoctor();
      if (options.json) printJson(report);
      else printDoctorReport(report.tools, report.cache, `${report.accel.accel} (${report.accel.reason})`, describeConfinement(report.confinement));
      if (!report.ok) process.exitCode = 1;
    });
}

function printDoctorReport(tools: DoctorItem[], cache: DoctorItem[], accel: string, confinement: string[]): void {
  const line = (item: DoctorItem): string => `  ${item.ok ? 'ok  ' : 'FAIL'} ${item.name.padEnd(20)} ${item.detail}${item.fix ? `\n       fix: ${item.fix}` : ''}`;
  console.log(['Host tools:', ...tools.map(line), 'Cache:', ...cache.map(line), `Acceleration: ${accel}`, 'QEMU confinement:', ...confinement.map((text) => `  ${text}`)].join('\n'));
}
