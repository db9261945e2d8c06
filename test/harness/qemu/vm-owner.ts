// Test helper (not a test), run as a child Node process by vm-registry.test: starts a VM on the
// fake QEMU found on PATH, prints its pid, then idles until a signal, or (argv[2] = exit) calls
// process.exit as soon as a line arrives on stdin.
import { QemuVm } from '../../../harness/qemu/vm.js';
import { FAKE_CONFINEMENT } from './fake-qemu.js';

const [mode, workDir, consoleLog, agentLog, qmpSocket, ...args] = process.argv.slice(2);
const channels = { consoleLog: consoleLog as string, agentLog: agentLog as string, qmpSocket: qmpSocket as string };
const vm = await QemuVm.start({ binary: 'qemu-system-x86_64', args, macs: [], confinement: FAKE_CONFINEMENT }, { name: 'owned', workDir: workDir as string, channels });
await vm.waitForConsoleText('Booting', { timeoutMs: 60_000 });
process.stdout.write(`${JSON.stringify({ pid: vm.pid })}\n`);
if (mode === 'exit') process.stdin.once('data', () => process.exit(0));
setInterval(() => {}, 1000);
