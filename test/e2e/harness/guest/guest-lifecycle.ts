// Shared real-QEMU lifecycle of the reference guest, run once per filesystem by the *.test.ts files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestFn } from 'ava';
import { execa } from 'execa';
import { parseGeometry, readVolumeFile } from '../../../../harness/disks/index.js';
import { type BootOutcome, bootGuest, generalizeGuest, installGuest, type SidChanger, summarizeReport } from '../../../../harness/guest/index.js';
import { resolveModel } from '../../../../harness/hardware/resolve-model.js';

/** A scratch folder for one test file, and helpers that boot copies of disks in it. */
export interface GuestScratch {
  dir: string;
  /** A sector copy of a disk (each VM gets its own). */
  copy(disk: string, name: string): Promise<string>;
  boot(disk: string, model: string, name: string, extra?: { rootWaitSeconds?: number }): Promise<BootOutcome>;
  install(model: string, filesystem: 'fat32' | 'fat16' | 'ntfs', name: string, options?: Parameters<typeof installGuest>[0]['options']): Promise<{ disk: string; outcome: BootOutcome }>;
  generalize(disk: string, model: string, massStorage: boolean, sidChanger?: SidChanger): Promise<BootOutcome>;
}

/** Makes a scratch folder (fresh, temporary) with its boot helpers. */
export async function makeGuestScratch(): Promise<GuestScratch> {
  const dir = await mkdtemp(path.join(tmpdir(), 'clonelab-guest-test-'));
  return {
    dir,
    async copy(disk, name) {
      const target = path.join(dir, `${name}.img`);
      await execa('cp', ['--sparse=always', disk, target]);
      return target;
    },
    boot: (disk, model, name, extra = {}) => bootGuest({ disk, model: resolveModel(model), mode: 'normal', accel: 'tcg', workDir: path.join(dir, name), timeoutMs: 150_000, ...extra }),
    async install(model, filesystem, name, options = {}) {
      const disk = path.join(dir, `${name}.img`);
      const outcome = await installGuest({ out: disk, model: resolveModel(model), geometry: parseGeometry({ size: '256M', filesystem }), accel: 'tcg', workDir: path.join(dir, name), options, timeoutMs: 200_000 });
      return { disk, outcome };
    },
    generalize: (disk, model, massStorage, sidChanger) => generalizeGuest({
      image: disk, model: resolveModel(model), massStorage, ...(sidChanger ? { sidChanger } : {}), accel: 'tcg', workDir: path.join(dir, `generalize-${sidChanger ?? 'setupcl'}`), timeoutMs: 150_000,
    }),
  };
}

/** Registers the "Done when" lifecycle for one filesystem: install, sector clone, slot move, other controller, generalize. */
export function registerLifecycleTests(test: TestFn, filesystem: 'fat32' | 'ntfs'): void {
  let scratch: GuestScratch;
  let installing: Promise<{ disk: string; outcome: BootOutcome }> | undefined;
  test.before(async () => {
    scratch = await makeGuestScratch();
  });
  test.after.always(async () => {
    if (scratch) await rm(scratch.dir, { recursive: true, force: true });
  });
  // The master on desktop-e1000, installed once for this file by whichever test asks first: every
  // test asks for it itself, so none relies on another having run (each can run alone with -m).
  const install = (): Promise<{ disk: string; outcome: BootOutcome }> => (installing ??= scratch.install('desktop-e1000', filesystem, 'master'));
  const installedMaster = async (): Promise<{ master: string; masterSid: string }> => {
    const { disk, outcome } = await install();
    const sid = summarizeReport(outcome.report).machineSid;
    if (!sid) throw new Error(`the ${filesystem} master install reported no machine SID`);
    return { master: disk, masterSid: sid };
  };

  test.serial(`${filesystem}: install on desktop-e1000 reports a unique identity and all devices started`, async (t) => {
    const { disk: master, outcome } = await install();
    const summary = summarizeReport(outcome.report);
    t.is(summary.setup, 'install');
    t.true(summary.allStarted, summary.problems.join(', '));
    t.regex(summary.machineSid ?? '', /^S-1-5-21-\d+-\d+-\d+$/);
    const masterSid = summary.machineSid as string;
    t.deepEqual(outcome.report?.accounts.map((account) => [account.rid, account.sid]), [[500, `${masterSid}-500`], [1000, `${masterSid}-1000`]]);
    t.is(outcome.report?.volumes[0]?.filesystem, filesystem);
    const nic = outcome.report?.nics[0];
    t.is(nic?.hardwareMac, outcome.macs[0]);
    t.is(nic?.recordedMac, outcome.macs[0]);
    t.true(nic?.up);
    t.deepEqual(outcome.malformed, []);
    // The harness reads what the guest wrote (the volume stayed consistent for the host tools).
    t.true((await readVolumeFile(master, '/system/registry')).toString().includes(`machine-sid ${masterSid}`));
  });

  test.serial(`${filesystem}: a sector copy booted on desktop-e1000 again reports the same SID and no setup`, async (t) => {
    const { master, masterSid } = await installedMaster();
    const outcome = await scratch.boot(await scratch.copy(master, 'clone-a'), 'desktop-e1000', 'clone-a');
    const summary = summarizeReport(outcome.report);
    t.is(summary.setup, 'none');
    t.is(summary.machineSid, masterSid);
    t.true(summary.allStarted, summary.problems.join(', '));
    t.not(outcome.report?.nics[0]?.recordedMac, outcome.report?.nics[0]?.hardwareMac, 'the clone got another MAC than the master recorded');
  });

  test.serial(`${filesystem}: un-generalized on the NIC-in-slot-3 model reports problem 24 and 28`, async (t) => {
    const { master } = await installedMaster();
    const outcome = await scratch.boot(await scratch.copy(master, 'clone-slot3'), 'desktop-e1000-slot3', 'clone-slot3');
    const problems = summarizeReport(outcome.report).problems;
    t.deepEqual(problems, ['00:02.0 8086:100e problem 24', '00:03.0 8086:100e problem 28']);
  });

  test.serial(`${filesystem}: un-generalized on another storage controller ends in STOP 0x7B`, async (t) => {
    const { master } = await installedMaster();
    const outcome = await scratch.boot(await scratch.copy(master, 'clone-lsi'), 'desktop-lsi', 'clone-lsi', { rootWaitSeconds: 3 });
    t.is(outcome.stop, '0x0000007B');
    t.is(outcome.report?.stop?.name, 'INACCESSIBLE_BOOT_DEVICE');
    t.is(outcome.vm.exitCode, 0, 'the guest powered off after the bugcheck');
  });

  test.serial(`${filesystem}: generalize --mass-storage, then the other controller boots into mini-setup with a new SID and descriptors rewritten to it${filesystem === 'fat32' ? '; mptsas1068 still ends in STOP 0x7B' : '; a SID changer without ACL rewrite leaves them naming the master'}`, async (t) => {
    const { master, masterSid } = await installedMaster();
    const generalized = await scratch.copy(master, 'generalized');
    const sysprep = await scratch.generalize(generalized, 'desktop-e1000', true);
    t.deepEqual(sysprep.report?.generalized, { massStorage: true, sidChanger: 'setupcl' });
    // Generalize keeps the old machine SID for mini-setup's SID changer (like PolAcDmS for setupcl).
    t.is(String(await readVolumeFile(generalized, '/system/security/old-machine-sid')).trim(), masterSid);
    const generalizedCopy = await scratch.copy(generalized, 'generalized-copy');
    const outcome = await scratch.boot(generalized, 'desktop-lsi', 'mini-setup');
    const summary = summarizeReport(outcome.report);
    t.is(summary.setup, 'mini-setup');
    t.true(summary.allStarted, summary.problems.join(', '));
    t.regex(summary.machineSid ?? '', /^S-1-5-21-/);
    t.not(summary.machineSid, masterSid);
    // Mini-setup rewrote every descriptor naming the master's SID to the new SID, same RID, and forgot the old SID.
    const newSid = summary.machineSid as string;
    t.deepEqual(outcome.report?.descriptors.map((descriptor) => descriptor.owner), ['S-1-5-18', 'S-1-5-18', `${newSid}-500`, `${newSid}-1000`, `${newSid}-1000`]);
    await t.throwsAsync(readVolumeFile(generalized, '/system/security/old-machine-sid'));
    if (filesystem !== 'fat32') {
      // A SID changer that does not rewrite ACLs (checked on one filesystem: the scripts are the same).
      const thirdParty = await scratch.copy(master, 'generalized-no-acl-rewrite');
      t.deepEqual((await scratch.generalize(thirdParty, 'desktop-e1000', false, 'no-acl-rewrite')).report?.generalized, { massStorage: false, sidChanger: 'no-acl-rewrite' });
      const kept = await scratch.boot(thirdParty, 'desktop-e1000', 'mini-setup-no-acl-rewrite');
      const keptSid = summarizeReport(kept.report).machineSid;
      t.not(keptSid, masterSid);
      t.deepEqual(kept.report?.descriptors.map((descriptor) => descriptor.owner), ['S-1-5-18', 'S-1-5-18', `${masterSid}-500`, `${masterSid}-1000`, `${masterSid}-1000`]);
      return;
    }
    // mptsas1068: the mass-storage loader holds mptsas, it binds, but no disk ever appears behind it.
    const mpt = await scratch.boot(await scratch.copy(generalizedCopy, 'mptsas'), 'server-mptsas', 'mptsas', { rootWaitSeconds: 3 });
    t.is(mpt.stop, '0x0000007B');
    t.regex(mpt.report?.stop?.detail ?? '', /no system volume after 3s \(driven: .*mptsas@00:05\.0/);
  });
}
