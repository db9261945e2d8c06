// Real QEMU: a boot of the reference guest runs confined as this host's probe says.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { parseGeometry } from '../../../../harness/disks/index.js';
import { installGuest, summarizeReport } from '../../../../harness/guest/index.js';
import { resolveConfinement } from '../../../../harness/qemu/confinement.js';
import { resolveModel } from '../../../../harness/hardware/resolve-model.js';
import { listLiveVmProcesses } from '../../../../harness/qemu/vm-registry.js';

/** The real uid and seccomp mode of a live process, from /proc (undefined once it is gone). */
async function readProcess(pid: number): Promise<{ uid: number; seccomp: number } | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status ?? '')?.[1] ?? -1);
  return status === undefined ? undefined : { uid: field('Uid'), seccomp: field('Seccomp') };
}

test('the install boot of the reference guest: argv, QEMU process (seccomp, uid) and screendump follow the probe', async (t) => {
  // mkdtemp makes the folder 0700: a QEMU that switched users can open nothing new in it.
  const dir = await mkdtemp(path.join(tmpdir(), 'clonelab-test-confined-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const confinement = await resolveConfinement();
  t.log(`sandbox ${confinement.sandbox} (${confinement.why.sandbox}); runas ${confinement.runAs?.name ?? 'none'} (${confinement.why.runAs})`);
  // Samples of the VM's process while it runs: the last one is after QEMU finished starting.
  const samples: { uid: number; seccomp: number }[] = [];
  let booting = true;
  const watching = (async () => {
    while (booting) {
      for (const { pid } of listLiveVmProcesses()) {
        const sample = await readProcess(pid);
        if (sample) samples.push(sample);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const outcome = await installGuest({
    out: path.join(dir, 'master.img'), model: resolveModel('desktop-e1000'), geometry: parseGeometry({ size: '256M', filesystem: 'fat32' }),
    accel: 'tcg', workDir: path.join(dir, 'work'), timeoutMs: 200_000,
  }).finally(() => {
    booting = false;
  });
  await watching;
  const summary = summarizeReport(outcome.report);
  t.is(summary.setup, 'install');
  t.true(summary.allStarted, summary.problems.join(', '));
  const script = await readFile(outcome.vm.runScript, 'utf8');
  t.is(script.includes(`'-sandbox'`), confinement.sandbox);
  t.is(script.includes(`'-runas'`), confinement.runAs !== undefined);
  t.regex(script, /^# sandbox: (on|unsupported) \(.+\)\n# runas: \S+ \(.+\)$/m);
  const last = samples.at(-1);
  t.truthy(last, 'the VM process was seen while it ran');
  t.is(last?.seccomp, confinement.sandbox ? 2 : 0, 'seccomp filter mode of the running QEMU');
  t.is(last?.uid, confinement.runAs?.uid ?? process.getuid?.(), 'uid of the running QEMU');
  // QEMU writes the screendump after it switched users: it still arrives in the private folder.
  t.truthy(outcome.screenshot);
  t.deepEqual([...(await readFile(outcome.screenshot as string)).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
});
