import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import tmp from 'tmp';
import { findModel } from '../../../../machines/catalog/lookup.js';
import { parseGeometry } from '../../../../harness/disks/parse-geometry.js';
import { debianProfile } from '../../../../harness/profiles/debian/debian-profile.js';
import { imageProfile } from '../../../../harness/profiles/image/image-profile.js';
import type { BootResult, MasterSpec } from '../../../../harness/profiles/types.js';
import { pickIdentity } from '../../../../harness/probe/identity.js';

// The Debian profile for real, under TCG: a master installed by its first boot on desktop-e1000
// (with 512 MiB) through UEFI (OVMF → the ESP's GRUB → the image's kernel), generalized offline and booted by
// the direct path, then exported as a qcow2 file and run as a user's own image through SeaBIOS
// and GRUB. The Debian system comes from the cache (test/e2e/harness/debian/build.test.ts, or
// the first of these to run, builds it once: a host-wide lock).

const scratch = tmp.dirSync({ unsafeCleanup: true, prefix: 'clonelab-debian-profile-' });
test.after.always(() => scratch.removeCallback());
const model = findModel('desktop-e1000')!;
// GRUB 2.06's EFI heap cannot load Debian's kernel at the catalog's 256 MiB ("out of memory",
// measured): the UEFI install runs on the same desktop with 512 MiB.
const roomy = { ...model, name: 'desktop-e1000-512m', memoryMiB: 512 };
const env = (name: string) => ({ accel: 'tcg' as const, bootFileStore: path.join(scratch.name, 'boot-files'), signal: new AbortController().signal, timeoutMs: 30 * 60_000, workDir: path.join(scratch.name, name) });
const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const describe = (result: BootResult) => `stop ${result.stop?.failure ?? 'none'} ${result.stop?.text ?? ''}; console ${result.consoleLog}`;

test.serial('install on UEFI, generalize offline, boot direct; the master exported as qcow2 boots through SeaBIOS as a user image', async (t) => {
  t.timeout(60 * 60_000, 'Debian install and three boots under TCG');
  const master: MasterSpec = { boot: 'uefi', install: {} };
  const disk = path.join(scratch.name, 'master.img');
  const installed = await debianProfile.install({ ...env('install'), master, model: roomy, out: disk, geometry: parseGeometry({ size: '1536M', filesystem: 'ext4' }) });
  t.is(installed.identity?.kind, 'machine-id');
  t.regex(installed.identity?.value ?? '', /^[0-9a-f]{32}$/);
  const masterHash = hash(disk);

  // Generalize: the master is only read; the copy boots as a first boot with a new identity.
  const generalized = path.join(scratch.name, 'generalized.img');
  await debianProfile.generalize({ ...env('generalize'), master, model, image: disk, out: generalized, options: { massStorage: false, sidChanger: 'setupcl' } });
  t.is(hash(disk), masterHash, 'generalize never writes the master');
  const clone = path.join(scratch.name, 'clone.qcow2');
  await execa('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', generalized, clone]);
  const booted = await debianProfile.boot({ ...env('clone'), master: { boot: 'direct', install: {} }, disk: clone, format: 'qcow2', bootFilesFrom: generalized, model });
  t.truthy(booted.report, describe(booted));
  t.is(booted.report?.setup, 'mini-setup');
  const machineId = pickIdentity(booted.report?.identity, 'machine-id')[0];
  t.regex(machineId ?? '', /^[0-9a-f]{32}$/);
  t.not(machineId, installed.identity?.value, 'a generalized clone makes its own machine-id');
  t.regex(pickIdentity(booted.report?.identity, 'hostname')[0] ?? '', new RegExp(`^debian-${machineId?.slice(0, 8)}$`));
  t.is(pickIdentity(booted.report?.identity, 'ssh-host-key').length >= 3, true);
  t.deepEqual(booted.report?.failedUnits, []);
  t.true(booted.report?.nics.every((nic) => nic.up), 'the NIC got an address by match (en*) on the same hardware');

  // The user's own image: a qcow2 file, its original never written.
  const qcow2 = path.join(scratch.name, 'golden.qcow2');
  await execa('qemu-img', ['convert', '-O', 'qcow2', disk, qcow2]);
  const golden = hash(qcow2);
  const userMaster: MasterSpec = { image: qcow2, boot: 'bios', install: {} };
  const prepared = path.join(scratch.name, 'user-master.img');
  const user = await imageProfile.install({ ...env('user-install'), master: userMaster, model, out: prepared, geometry: parseGeometry({ size: '1536M', filesystem: 'ext4' }) });
  t.is(user.identity?.value, installed.identity?.value, 'the image\'s own machine-id, read offline');
  const userBoot = await imageProfile.boot({ ...env('user-boot'), master: userMaster, disk: prepared, format: 'raw', model });
  t.truthy(userBoot.report, describe(userBoot));
  t.is(pickIdentity(userBoot.report?.identity, 'machine-id')[0], installed.identity?.value);
  t.regex(readFileSync(userBoot.consoleLog ?? '', 'utf8'), /clonelab grub: loading/, 'GRUB from the image ran');
  t.is(hash(qcow2), golden, 'the user image is never written');
});
