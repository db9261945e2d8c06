import path from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { execa } from 'execa';
import { isAlive, makeFakeVm, waitUntilGone } from './fake-qemu.js';

const OWNER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'vm-owner.js');

// The fake ignores SIGTERM (as a wedged QEMU may), so only the registry's SIGKILL can end it.
for (const ending of ['exit', 'SIGTERM', 'SIGINT'] as const) {
  test.serial(`no VM outlives its owner process when the owner ends by ${ending}`, async (t) => {
    const fakeVm = makeFakeVm(t, 'hang', { FAKE_IGNORE_SIGTERM: '1' });
    const { consoleLog, agentLog, qmpSocket } = fakeVm.channels;
    const owner = execa('node', [OWNER, ending === 'exit' ? 'exit' : 'idle', fakeVm.workDir, consoleLog, agentLog, qmpSocket, ...fakeVm.command.args], {
      env: fakeVm.env, reject: false, timeout: 60_000,
    });
    const firstLine = await new Promise<string>((resolve, reject) => {
      let text = '';
      owner.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.split('\n')[0] as string);
      });
      owner.once('exit', () => reject(new Error('the owner exited before starting its VM')));
    });
    const { pid } = JSON.parse(firstLine) as { pid: number };
    t.true(isAlive(pid));
    if (ending === 'exit') owner.stdin.write('exit now\n');
    else owner.kill(ending);
    const result = await owner;
    if (ending === 'exit') t.is(result.exitCode, 0, result.stderr);
    // The registry re-raises the signal: the owner still dies by it, as without a handler.
    else t.is(result.signal, ending, result.stderr);
    // The orphaned fake is SIGKILLed by the owner on its way out; the kernel finishes that on its own time.
    t.true(await waitUntilGone(pid), `fake QEMU ${pid} survived its owner`);
  });
}
