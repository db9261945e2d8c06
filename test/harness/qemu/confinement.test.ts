import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import tmp from 'tmp';
import { probeConfinement, resolveConfinement } from '../../../harness/qemu/confinement.js';
import { installFakeQemu } from './fake-qemu.js';

const root = process.getuid?.() === 0;
const nobodyExists = (await execa('id', ['-u', 'nobody'], { reject: false })).exitCode === 0;

/** A PATH whose qemu-system-x86_64 is the confinement fake, a private cache, and the fake's argv log. */
function fakeHost(t: ExecutionContext, knobs: NodeJS.ProcessEnv = {}): { env: NodeJS.ProcessEnv; argvs: () => string[][] } {
  const dir = tmp.dirSync({ prefix: 'clonelab-test-confinement-' }).name;
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const log = path.join(dir, 'argv.log');
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: installFakeQemu(dir, 'confinement'), CLONELAB_CACHE: path.join(dir, 'cache'), FAKE_ARGV_LOG: log };
  delete env.CLONELAB_QEMU_USER; // the user setting of the test run itself does not count
  Object.assign(env, knobs);
  const argvs = (): string[][] => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]).filter((argv) => argv[0] !== '--version');
    } catch {
      return [];
    }
  };
  return { env, argvs };
}

const sandboxOf = (argv: string[]): string | undefined => argv[argv.indexOf('-sandbox') + 1];

test('a QEMU that accepts -sandbox gets it; as root it switches to nobody, with set*uid let through the filter', async (t) => {
  const host = fakeHost(t);
  const verdict = await probeConfinement({ env: host.env });
  t.true(verdict.sandbox);
  t.regex(verdict.why.sandbox, /accept its seccomp filter/);
  t.regex(verdict.key, /fake confinement/);
  const [first, second] = host.argvs();
  t.regex(sandboxOf(first ?? []) ?? '', /^on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny$/);
  t.true(first?.includes('-qmp'));
  if (root && nobodyExists) {
    t.deepEqual(verdict.runAs, { name: 'nobody', uid: 65534, gid: 65534 });
    t.regex(verdict.why.runAs, /started as root: QEMU switches to nobody \(uid 65534\)/);
    // The fake dies by SIGSYS, as QEMU 7.2 does, were the switch probed with elevateprivileges=deny.
    t.is(second?.[second.indexOf('-runas') + 1], 'nobody');
    t.regex(sandboxOf(second ?? []) ?? '', /elevateprivileges=allow/);
  } else {
    t.is(verdict.runAs, undefined);
    t.is(second, undefined, 'no user switch is probed when not root');
  }
});

test('a QEMU without seccomp support: no -sandbox, with QEMU\'s own reason; the user switch is still probed, without it', async (t) => {
  const host = fakeHost(t, { FAKE_SANDBOX: 'unsupported' });
  const verdict = await probeConfinement({ env: host.env });
  t.false(verdict.sandbox);
  t.is(verdict.why.sandbox, 'QEMU refused -sandbox: exit 1: qemu-system-x86_64: -sandbox support is not enabled in this QEMU binary');
  if (root && nobodyExists) {
    t.is(verdict.runAs?.name, 'nobody');
    t.false(host.argvs()[1]?.includes('-sandbox'));
  }
});

test('the verdict is cached per QEMU and user setting; resolveConfinement hands out the confinement only', async (t) => {
  const host = fakeHost(t);
  const first = await probeConfinement({ env: host.env });
  const probes = host.argvs().length;
  const again = await probeConfinement({ env: host.env });
  t.is(again.probedAt, first.probedAt, 'answered from the cache');
  t.is(host.argvs().length, probes, 'QEMU was not started again');
  t.deepEqual(await resolveConfinement({ env: host.env }), { sandbox: first.sandbox, ...(first.runAs ? { runAs: first.runAs } : {}), why: first.why });
  const refreshed = await probeConfinement({ env: host.env, refresh: true });
  t.not(refreshed.probedAt, first.probedAt);
  const otherUser = await probeConfinement({ env: { ...host.env, CLONELAB_QEMU_USER: 'none' } });
  t.not(otherUser.key, first.key, 'another user setting is another verdict');
  const before = host.argvs().length;
  t.is((await probeConfinement({ env: host.env })).probedAt, refreshed.probedAt, 'and it does not evict the first one');
  t.is(host.argvs().length, before);
});

test('as root: no user switch when told none, when the user does not exist, or when QEMU cannot switch', async (t) => {
  if (!root) {
    const verdict = await probeConfinement({ env: fakeHost(t).env });
    t.regex(verdict.why.runAs, /not started as root: QEMU runs as this user \(uid \d+\)/);
    return;
  }
  const none = await probeConfinement({ env: fakeHost(t, { CLONELAB_QEMU_USER: 'none' }).env });
  t.is(none.runAs, undefined);
  t.is(none.why.runAs, 'CLONELAB_QEMU_USER=none: QEMU keeps root');
  const missing = await probeConfinement({ env: fakeHost(t, { CLONELAB_QEMU_USER: 'clonelab-no-such-user' }).env });
  t.is(missing.runAs, undefined);
  t.regex(missing.why.runAs, /no user "clonelab-no-such-user" to switch to/);
  const rootUser = await probeConfinement({ env: fakeHost(t, { CLONELAB_QEMU_USER: 'root' }).env });
  t.is(rootUser.runAs, undefined);
  t.regex(rootUser.why.runAs, /user "root" is root too/);
  if (nobodyExists) {
    const failing = await probeConfinement({ env: fakeHost(t, { FAKE_RUNAS: 'fail' }).env });
    t.true(failing.sandbox);
    t.is(failing.runAs, undefined);
    t.is(failing.why.runAs, 'started as root, but QEMU could not switch to nobody: exit 1: qemu-system-x86_64: Failed to setgid(65534)');
  }
});
