// Real QEMU under TCG: the same kernel and initrd booted directly, through SeaBIOS → GRUB
// (core.img in the MBR gap) and through OVMF → GRUB EFI (on the ESP), all read from the image.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { GRUB_FAILED_LINE, GRUB_LOADING_LINE, OVMF_VARS_TEMPLATE, prepareOvmfVars } from '../../../../harness/bootloaders/index.js';
import { resolveModel } from '../../../../harness/hardware/resolve-model.js';
import { buildQemuArgs } from '../../../../harness/qemu/build-args.js';
import { resolveConfinement } from '../../../../harness/qemu/confinement.js';
import type { BootSpec } from '../../../../harness/qemu/types.js';
import { BOOT_MARKER, buildBootDisk, type BootDisk } from './boot-disk.js';

const LIMIT_MS = 180_000;
// GRUB 2.06 EFI (believed: its heap is a quarter of the memory OVMF leaves free) must place
// the kernel's init_size (64 MiB for Debian 12's 6.1): at the catalog's 256 MiB GRUB EFI
// says "out of memory" (measured; 320 MiB boots). Every path gets the same memory, so the times compare.
const model = { ...resolveModel('desktop-e1000'), memoryMiB: 384 };
let dir: string;
let built: Promise<BootDisk>;
const seconds: Record<string, number> = {};

test.before(async () => {
  // mkdtemp makes the folder 0700: what QEMU opens must be opened before -runas drops root.
  dir = await mkdtemp(path.join(tmpdir(), 'clonelab-test-bootpaths-'));
  built = buildBootDisk(dir);
  await built;
});
test.after.always(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Boots a copy of the disk (the built one unless given) with the reference model and returns its COM1 log. */
async function boot(name: string, makeBoot: (vmDir: string) => Promise<BootSpec>, source?: string): Promise<string> {
  const disk = source ?? (await built).disk;
  const vmDir = path.join(dir, name);
  const copy = path.join(dir, `${name}.img`);
  await copyFile(disk, copy);
  const channels = { consoleLog: path.join(dir, `${name}-com1.log`), agentLog: path.join(dir, `${name}-com2.log`), qmpSocket: path.join(dir, `${name}.sock`) };
  const command = buildQemuArgs({
    name, model, disks: [{ path: copy, format: 'raw' }], boot: await makeBoot(vmDir),
    channels, macSeed: name, accel: 'tcg', confinement: await resolveConfinement(),
  });
  const started = performance.now();
  const result = await execa(command.binary, command.args, { reject: false, timeout: LIMIT_MS, forceKillAfterDelay: 2000, stdin: 'ignore' });
  seconds[name] = (performance.now() - started) / 1000;
  console.log(`boot path ${name}: ${seconds[name]?.toFixed(1)} s wall from QEMU start to power-off (TCG)`);
  const log = await readFile(channels.consoleLog, 'utf8').catch(() => '');
  if (result.exitCode !== 0) throw new Error(`${name}: QEMU ended ${result.timedOut ? 'by the time limit' : `with exit ${result.exitCode}`}: ${result.stderr}\n${log.slice(-2000)}`);
  return log;
}

test.serial('direct: the kernel and initrd given to QEMU (-kernel, -initrd) boot to the marker', async (t) => {
  const { kernel, initrd } = await built;
  const log = await boot('direct', async () => ({ kind: 'kernel', kernel, initrd, append: 'console=ttyS0,115200 panic=-1' }));
  t.true(log.includes(BOOT_MARKER), log.slice(-1500));
  t.false(log.includes(GRUB_LOADING_LINE));
});

test.serial('bios: SeaBIOS runs GRUB from the MBR gap, which boots the kernel from the ext4 root', async (t) => {
  const log = await boot('bios', async () => ({ kind: 'firmware', firmware: 'bios' }));
  const { release } = await built;
  t.true(log.includes(`${GRUB_LOADING_LINE} /boot/vmlinuz-${release}`), log.slice(-1500));
  t.true(log.includes(BOOT_MARKER), log.slice(-1500));
  t.regex(log, /Command line: BOOT_IMAGE=\/boot\/vmlinuz-\S+ root=UUID=3f1c2b7a-5d4e-4f60-9a8b-7c6d5e4f3a2b ro console=ttyS0,115200 panic=-1/);
  t.false(log.includes(GRUB_FAILED_LINE));
});

test.serial('bios: a kernel GRUB cannot load is named on the console, and GRUB powers the VM off instead of waiting for a key', async (t) => {
  const broken = await buildBootDisk(path.join(dir, 'broken'), { grubKernel: '/boot/vmlinuz-missing' });
  const log = await boot('bios-missing-kernel', async () => ({ kind: 'firmware', firmware: 'bios' }), broken.disk);
  t.true(log.includes(`${GRUB_LOADING_LINE} /boot/vmlinuz-missing`), log.slice(-1500));
  t.true(log.includes(GRUB_FAILED_LINE), log.slice(-1500));
  t.false(log.includes(BOOT_MARKER));
});

test.serial('uefi: OVMF runs GRUB EFI from the ESP fallback path, with a private variables file it writes', async (t) => {
  let vars = '';
  const log = await boot('uefi', async (vmDir) => {
    const spec = await prepareOvmfVars(vmDir);
    vars = spec.vars;
    return spec;
  });
  const { release } = await built;
  t.true(log.includes('BdsDxe: starting Boot'), log.slice(-1500));
  t.true(log.includes(`${GRUB_LOADING_LINE} /boot/vmlinuz-${release}`), log.slice(-1500));
  t.true(log.includes(BOOT_MARKER), log.slice(-1500));
  t.regex(log, /Command line: BOOT_IMAGE=\/boot\/vmlinuz-\S+ root=UUID=3f1c2b7a-5d4e-4f60-9a8b-7c6d5e4f3a2b ro/);
  // OVMF recorded its boot entries in the copy (opened before -runas dropped root); the template is untouched.
  t.false((await readFile(vars)).equals(await readFile(OVMF_VARS_TEMPLATE)));
});
