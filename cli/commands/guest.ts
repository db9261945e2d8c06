import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { execa } from 'execa';
import { invalidInput } from '../../harness/errors/errors.js';
import { type AccelChoice, resolveAccel } from '../../harness/qemu/accel.js';
import { bootGuest, buildGuest, generalizeGuest, installGuest, type BootOutcome, summarizeReport, type PinnedMac, sidChangers, type SidChanger } from '../../harness/guest/index.js';
import { resolveModels } from '../../harness/hardware/load-models.js';
import { resolveModel } from '../../harness/hardware/resolve-model.js';
import type { ResolvedModel } from '../../machines/catalog/types.js';
import { addGeometryOptions, parseGeometryFlags, type GeometryFlags } from '../geometry-options.js';
import { printJson } from '../run-cli.js';

interface CommonOptions { machine: string; models: string[]; accel: string; json?: boolean; workDir?: string; timeout: string }

/** Registers `clonelab guest build|install|boot|generalize`: the reference guest. */
export function registerGuestCommand(program: Command): void {
  const guest = program.command('guest').description('the reference guest: an installable mini OS with real drivers');
  guest.command('build').description('build (or find in the cache) the fresh system tree').option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const tree = await buildGuest();
      if (options.json) return printJson(tree);
      console.log(`fresh tree ${tree.root} (kernel ${tree.release}, ${tree.storeModules.length} drivers in the store)`);
      for (const [name, size] of Object.entries(tree.pieceSizes)) console.log(`  loader piece ${name.padEnd(18)} ${(size / 1024).toFixed(0).padStart(6)} KiB`);
    });
  addGeometryOptions(withCommon(guest.command('install <out>').description('create a system volume and run setup on a hardware model')), { size: '256M', requireFs: true })
    .option('--omit-driver <module>', 'leave a driver out of the store (repeatable)', collect, [])
    .option('--pin-mac <slot=mac>', 'record a network-address override for the NIC in a slot of bus 0, or at bus:slot.0 (repeatable)', collect, [])
    .action(async (out: string, options: CommonOptions & GeometryFlags & { omitDriver: string[]; pinMac: string[] }) => {
      const geometry = parseGeometryFlags(options);
      await withWorkDir(options, async (workDir) => {
        const outcome = await installGuest({
          out, model: await resolveMachine(options), geometry, accel: await resolveAccel(parseAccel(options.accel)), workDir,
          timeoutMs: parseTimeout(options.timeout), options: { omitDrivers: options.omitDriver, pinnedMacs: options.pinMac.map(parsePin) },
        });
        show(outcome, options.json);
      });
    });
  withCommon(guest.command('boot <image>').description('boot an image on a hardware model and print its probe report'))
    .option('--in-place', 'boot the image itself (the guest writes to it) instead of a copy')
    .action(async (image: string, options: CommonOptions & { inPlace?: boolean }) => {
      await withWorkDir(options, async (workDir) => {
        const disk = options.inPlace ? image : path.join(workDir, 'disk.img');
        if (!options.inPlace) await execa('cp', ['--sparse=always', image, disk]);
        const outcome = await bootGuest({
          disk, model: await resolveMachine(options), mode: 'normal', accel: await resolveAccel(parseAccel(options.accel)), workDir, timeoutMs: parseTimeout(options.timeout),
        });
        show(outcome, options.json);
      });
    });
  withCommon(guest.command('generalize <image>').description('run sysprep inside the guest: remove identity and hardware record'))
    .option('--mass-storage', 'put every mass-storage driver into the loader')
    .option('--sid-changer <tool>', 'setupcl (mini-setup rewrites descriptors naming the old SID) or no-acl-rewrite (a third-party SID changer that leaves them)', 'setupcl')
    .action(async (image: string, options: CommonOptions & { massStorage?: boolean; sidChanger: string }) => {
      if (!(sidChangers as readonly string[]).includes(options.sidChanger)) throw invalidInput('--sid-changer', sidChangers.join(' or '), options.sidChanger);
      await withWorkDir(options, async (workDir) => {
        const outcome = await generalizeGuest({
          image, model: await resolveMachine(options), massStorage: options.massStorage ?? false, sidChanger: options.sidChanger as SidChanger,
          accel: await resolveAccel(parseAccel(options.accel)), workDir,
          timeoutMs: parseTimeout(options.timeout),
        });
        show(outcome, options.json);
      });
    });
}

function withCommon(command: Command): Command {
  return command.requiredOption('--machine <model>', 'hardware model (see `clonelab machines list`)')
    .option('--models <file>', 'hardware models of yours (.json, .js/.mjs; repeatable): --machine may name one', collect, [])
    .option('--accel <accel>', 'auto, kvm or tcg (auto: KVM only where a probe proved it boots a guest)', 'auto').option('--json', 'print the outcome as JSON')
    .option('--work-dir <dir>', 'keep logs, screendump and repro script here (default: a temporary folder, removed)')
    .option('--timeout <seconds>', 'time limit of the boot', '180');
}

/** The --machine model, from the built-in catalog and the --models files. */
async function resolveMachine(options: { machine: string; models: string[] }): Promise<ResolvedModel> {
  return resolveModel(options.machine, await resolveModels(options.models));
}

async function withWorkDir(options: { workDir?: string }, run: (workDir: string) => Promise<void>): Promise<void> {
  if (options.workDir) {
    await mkdir(path.resolve(options.workDir), { recursive: true });
    return run(path.resolve(options.workDir));
  }
  const workDir = await mkdtemp(path.join(tmpdir(), 'clonelab-guest-'));
  try {
    await run(workDir);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function show(outcome: BootOutcome, json: boolean | undefined): void {
  if (json) return printJson(outcome);
  const summary = summarizeReport(outcome.report);
  console.log(`setup: ${summary.setup ?? '-'}  SID: ${summary.machineSid ?? '-'}  name: ${summary.computerName ?? '-'}${summary.stop ? `  STOP ${summary.stop}` : ''}`);
  const placed = outcome.placement;
  if (placed) console.log(`  placement: ${placed.devices.map(({ expected }) => `${expected.role} ${expected.qemu} ${expected.vendor}:${expected.device} at ${expected.address}`).join(', ')} (query-pci ${placed.provenWhen === 'paused' ? 'before the CPUs ran' : 'once the firmware numbered the bridges'}, ${Math.round(placed.pausedMs)} ms to cont)`);
  for (const device of outcome.report?.devices ?? []) {
    if (device.status === 'system') continue;
    console.log(`  ${device.slot} ${device.vendor}:${device.device} class ${device.class} recorded ${device.recordedDriver ?? '-'} bound ${device.boundDriver ?? '-'}${device.functionDriver ? `/${device.functionDriver}` : ''}: ${device.status === 'problem' ? `problem ${device.problem}` : device.status}`);
  }
  for (const nic of outcome.report?.nics ?? []) console.log(`  nic ${nic.slot} ${nic.interface ?? '-'} hw ${nic.hardwareMac ?? '-'} recorded ${nic.recordedMac ?? '-'} now ${nic.mac ?? '-'} ${nic.up ? 'up' : 'down'}`);
  const generalized = outcome.report?.generalized;
  if (generalized) console.log(`  generalized${generalized.massStorage ? ' with every mass-storage driver in the loader' : ''}, SID changer ${generalized.sidChanger}: setup is pending`);
  if (outcome.malformed.length > 0) console.log(`  ${outcome.malformed.length} malformed probe lines kept as evidence`);
  // Exit 1 when the boot did not end in a whole, clean report (a STOP, a problem code, no report).
  if (!summary.complete || summary.stop || summary.problems.length > 0) process.exitCode = 1;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseAccel(value: string): AccelChoice {
  if (value === 'tcg' || value === 'kvm' || value === 'auto') return value;
  throw invalidInput('--accel', 'tcg, kvm or auto', value);
}

function parseTimeout(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw invalidInput('--timeout', 'a positive number of seconds', value);
  return seconds * 1000;
}

function parsePin(value: string): PinnedMac {
  // SLOT=MAC (bus 0), or the address as the guest writes it: BUS:SLOT.0=MAC (behind a bridge).
  const match = /^(?:([0-9a-f]{2}):([0-9a-f]{2})\.0|(?:0x)?([0-9a-f]{1,2}))=([0-9a-f]{2}(?::[0-9a-f]{2}){5})$/i.exec(value);
  const slot = match?.[2] ?? match?.[3];
  if (!match?.[4] || slot === undefined) throw invalidInput('--pin-mac', 'SLOT=MAC such as 2=02:00:00:00:00:01, or BUS:SLOT.0=MAC such as 01:03.0=02:00:00:00:00:01', value);
  return { ...(match[1] ? { bus: Number.parseInt(match[1], 16) } : {}), slot: Number.parseInt(slot, 16), mac: match[4].toLowerCase() };
}
