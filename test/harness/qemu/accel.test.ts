import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import tmp from 'tmp';
import { probeAccel, resolveAccel } from '../../../harness/qemu/accel.js';
import { installFakeQemu } from './fake-qemu.js';

const RELEASE = '6.1.0-99-amd64';

/** A host of its own: the accel fake as qemu-system-x86_64, a private cache holding a kernel, a KVM device that opens. */
function fakeHost(t: ExecutionContext, knobs: NodeJS.ProcessEnv = {}) {
  const dir = tmp.dirSync({ prefix: 'clonelab-test-accel-' }).name;
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const cache = path.join(dir, 'cache');
  // A cached kernel package and its unpacked tree: ensureKernelTree finds them and downloads nothing.
  mkdirSync(path.join(cache, 'kernel', RELEASE), { recursive: true });
  writeFileSync(path.join(cache, 'kernel', `linux-image-${RELEASE}_6.1.999-1_amd64.deb`), '');
  writeFileSync(path.join(cache, 'kernel', RELEASE, 'vmlinux'), '');
  const kvmDevice = path.join(dir, 'kvm');
  writeFileSync(kvmDevice, '');
  const log = path.join(dir, 'argv.log');
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: installFakeQemu(dir, 'accel-probe'), CLONELAB_CACHE: cache, FAKE_ARGV_LOG: log, ...knobs };
  /** The argvs QEMU was started with to boot (not `--version`). */
  const boots = (): string[][] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]) : [])
    .filter((argv) => argv[0] !== '--version');
  return { dir, env, cache, kvmDevice, boots };
}

test('an explicit --accel is used as given, without probing', async (t) => {
  const host = fakeHost(t);
  t.is(await resolveAccel('tcg', { env: host.env, kvmDevice: host.kvmDevice }), 'tcg');
  t.is(await resolveAccel('kvm', { env: host.env, kvmDevice: path.join(host.dir, 'no-kvm') }), 'kvm');
  t.false(existsSync(host.env.FAKE_ARGV_LOG!), 'QEMU was not even asked its version');
  t.false(existsSync(path.join(host.cache, 'accel.json')));
});

test('auto: a guest kernel that boots under KVM gives kvm, with the boot time as the reason', async (t) => {
  const host = fakeHost(t, { FAKE_KVM: 'boots' });
  const verdict = await probeAccel({ env: host.env, kvmDevice: host.kvmDevice });
  t.is(verdict.accel, 'kvm');
  t.regex(verdict.reason, /^a KVM guest booted its kernel in \d+\.\d s$/);
  t.regex(verdict.key, /QEMU emulator version 7\.2\.22 \(fake accel\)$/);
  const [boot] = host.boots();
  t.is(boot?.[boot.indexOf('-machine') + 1], 'pc,accel=kvm');
  t.is(boot?.[boot.indexOf('-kernel') + 1], path.join(host.cache, 'kernel', RELEASE, 'vmlinux'), 'the cached kernel is booted');
  t.is(await resolveAccel('auto', { env: host.env, kvmDevice: host.kvmDevice }), 'kvm');
});

test('auto: a KVM device that does not open gives tcg without starting QEMU', async (t) => {
  const host = fakeHost(t, { FAKE_KVM: 'boots' });
  const missing = path.join(host.dir, 'no-kvm');
  const verdict = await probeAccel({ env: host.env, kvmDevice: missing });
  t.is(verdict.accel, 'tcg');
  t.is(verdict.reason, `${missing} cannot be opened (ENOENT)`);
  t.deepEqual(host.boots(), []);
});

test('auto: a KVM device that opens but a guest that does not reach its kernel gives tcg, with QEMU\'s complaint', async (t) => {
  const host = fakeHost(t, { FAKE_KVM: 'refused' });
  const verdict = await probeAccel({ env: host.env, kvmDevice: host.kvmDevice });
  t.is(verdict.accel, 'tcg');
  t.is(verdict.reason, 'KVM guest did not reach its kernel (exit 1): qemu-system-x86_64: failed to initialize kvm: No such file or directory');
  t.is(host.boots().length, 1);
  t.is(await resolveAccel('auto', { env: host.env, kvmDevice: host.kvmDevice }), 'tcg');
});

test('the verdict is cached in the cache folder per host kernel and QEMU version; refresh probes again', async (t) => {
  const host = fakeHost(t, { FAKE_KVM: 'boots' });
  const options = { env: host.env, kvmDevice: host.kvmDevice };
  const first = await probeAccel(options);
  t.deepEqual(JSON.parse(readFileSync(path.join(host.cache, 'accel.json'), 'utf8')), first, 'written to $CLONELAB_CACHE/accel.json');
  const again = await probeAccel(options);
  t.is(again.probedAt, first.probedAt, 'answered from the cache');
  t.is(host.boots().length, 1, 'QEMU booted once');
  const otherQemu = await probeAccel({ ...options, env: { ...host.env, FAKE_QEMU_VERSION: '8.0.0' } });
  t.not(otherQemu.key, first.key);
  t.is(host.boots().length, 2, 'another QEMU version is probed again');
  await probeAccel({ ...options, refresh: true });
  t.is(host.boots().length, 3, 'refresh probes again');
});
