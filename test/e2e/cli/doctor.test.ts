import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { hostTools, nameHostTool } from '../../../harness/host/tools.js';

// The host as it is: its tools, the kernel package in the cache, the acceleration and confinement probes.
const CLI = path.resolve('dist/cli/main.js');

test('doctor --json: every tool found with a version, the kernel cached, an acceleration verdict', async (t) => {
  const result = await execa('node', [CLI, 'doctor', '--json'], { reject: false });
  t.is(result.exitCode, 0, result.stderr);
  const report = JSON.parse(result.stdout) as {
    ok: boolean; tools: { name: string; ok: boolean; detail: string }[]; cache: { name: string; ok: boolean }[]; accel: { accel: string; reason: string };
    confinement: { sandbox: boolean; runAs?: { name: string; uid: number }; why: { sandbox: string; runAs: string } };
  };
  t.true(report.ok);
  t.deepEqual(report.tools.map((tool) => tool.name), hostTools.map(nameHostTool));
  for (const tool of report.tools) t.regex(tool.detail, /\d+\.\d+/, `${tool.name} has a version`);
  t.true(report.cache.some((item) => item.name === 'guest kernel' && item.ok));
  t.true(['kvm', 'tcg'].includes(report.accel.accel));
  t.is(typeof report.confinement.sandbox, 'boolean');
  t.true(report.confinement.why.sandbox.length > 10 && report.confinement.why.runAs.length > 10);
  if (process.getuid?.() !== 0) t.is(report.confinement.runAs, undefined, 'only root switches users');
  if (report.confinement.runAs) t.not(report.confinement.runAs.uid, 0);
});

test('doctor shows how QEMU is confined: sandbox on or unsupported, runas a user or none, each with its reason', async (t) => {
  const result = await execa('node', [CLI, 'doctor'], { reject: false });
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /QEMU confinement:\n {2}sandbox: (on|unsupported) \(.+\)\n {2}runas: \S+ \(.+\)/);
});
