// The guest as a network peer, and two runs at once. Network: what could be proven without a
// probe hook in the reference guest — the exact argv of a real clone boot (its runqemu.sh) has
// only restricted user-mode NICs and no host folder, and QEMU's own view (QMP `info usernet`,
// `info network`) of that argv, re-run, shows no forwarding and no other backend.
// Concurrency: two runs on the same --out (the second is refused, the first completes) and
// two on the same cache with their own --out (both complete).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { QmpSession } from '../../../harness/qemu/qmp-session.js';
import { assertCleanAfter, findFiles, setUpFaultRun, readResults, startRun, waitFor } from '../../faults/fault-run.js';

test.serial('a clone boot shares no host folder and its NICs are restricted user-mode networks, in argv and in QEMU\'s own view', async (t) => {
  const setup = setUpFaultRun(t, 'net', { FAULT_REPLAY_MATCH: '/masters/' });
  const run = await startRun(setup);
  t.true(run.exitCode === 0 || run.exitCode === 1, run.all);
  const [script] = findFiles(path.join(setup.out, 'scenarios'), /runqemu\.sh$/);
  const text = readFileSync(script as string, 'utf8');
  const args = [...text.matchAll(/'((?:[^']|'\\'')*)'/g)].map((match) => (match[1] ?? '').replace(/'\\''/g, '\''));
  const netdevs = args.filter((_, i) => args[i - 1] === '-netdev');
  t.true(netdevs.length > 0, 'the model has a NIC');
  for (const netdev of netdevs) t.regex(netdev, /^user,id=net\d+,restrict=on$/, 'user-mode, restricted, nothing else');
  t.false(args.some((arg) => /hostfwd|guestfwd|smb=|tftp=|bootfile=/.test(arg)), 'no forwarding, no SMB/TFTP share');
  t.false(args.some((arg) => /^-(virtfs|fsdev|nic|net)$/.test(arg)), 'no -virtfs/-fsdev and no implicit -nic/-net');
  t.false(args.some((arg) => /virtio-9p|vhost-user-fs|fat:/.test(arg)), 'no 9p, virtiofs or vvfat host folder');
  t.true(args.includes('-nodefaults'));
  // QEMU's own view: run the repro script again (the same argv), ask QMP, then quit.
  const qemu = execa('sh', [script as string], { reject: false });
  try {
    const socket = args.find((arg) => arg.startsWith('socket,id=qmp,'))?.match(/path=([^,]+)/)?.[1] ?? '';
    const qmp = await waitFor('the QMP socket', () => QmpSession.connect(socket, { timeoutMs: 2000 }).catch(() => undefined), 30_000);
    const usernet = await qmp.execute<string>('human-monitor-command', { 'command-line': 'info usernet' });
    const network = await qmp.execute<string>('human-monitor-command', { 'command-line': 'info network' });
    t.log(`info network: ${network.trim()}`);
    t.regex(usernet, /Hub -1 \(net0\):/);
    t.notRegex(usernet, /HOST_FORWARD|GUEST_FORWARD/, 'slirp has no forwarding rule');
    t.regex(network, /net0: index=0,type=user,net=10\.0\.2\.0,restrict=on/);
    t.notRegex(network, /type=(tap|bridge|socket|vde|l2tpv3|vhost-user)/, 'no backend that reaches a real network');
    await qmp.quit().catch(() => undefined);
    qmp.close();
  } finally {
    qemu.kill('SIGKILL');
    await qemu;
  }
  await assertCleanAfter(t, setup);
});

test.serial('two runs on the same --out at once: the second is refused by the lock, the first completes', async (t) => {
  const setup = setUpFaultRun(t, 'same-out', { FAULT_REPLAY_MATCH: 'guest-' });
  const first = startRun(setup);
  await waitFor('the first run to take the lock', () => (findFiles(setup.out, /^\.clonelab\.lock$/).length > 0 ? true : undefined));
  const second = await startRun(setup);
  t.is(second.exitCode, 2, second.all);
  t.regex(second.all, /Another clonelab run \(pid \d+\) is writing to .*out/);
  const done = await first;
  t.true(done.exitCode === 0 || done.exitCode === 1, done.all);
  t.false(readResults(setup.out).interrupted);
  t.deepEqual(findFiles(setup.out, /^\.clonelab\.lock$/), [], 'the lock is released');
  await assertCleanAfter(t, setup);
});

test.serial('two runs on the same cache with their own --out at once: both complete with whole results', async (t) => {
  const setup = setUpFaultRun(t, 'same-cache', { FAULT_REPLAY_MATCH: 'guest-' });
  const otherOut = path.join(setup.dir, 'out2');
  const [one, two] = await Promise.all([startRun(setup), execa(process.execPath, [
    path.resolve('dist/cli/main.js'), 'run', setup.scenario, '--out', otherOut, '--accel', 'tcg', '--jobs', '1', '--retries', '0',
  ], { reject: false, all: true, env: setup.env })]);
  for (const [run, out] of [[one, setup.out], [two, otherOut]] as const) {
    t.true(run.exitCode === 0 || run.exitCode === 1, run.all);
    const result = readResults(out);
    t.false(result.interrupted);
    t.not(result.scenarios[0]?.status, 'errored', JSON.stringify(result.scenarios[0]?.error));
  }
  await assertCleanAfter(t, setup);
});
