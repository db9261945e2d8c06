import test from 'ava';
import { execa } from 'execa';
import { childGrowth, programOf, runWithChildCpu, startChildCpuTracking, type ChildCpu } from '../../../harness/host/child-cpu.js';
import { readSelfCpuTimes } from '../../../harness/host/proc-stat.js';

const times = (childUserMs: number, childSystemMs: number) => ({ userMs: 0, systemMs: 0, childUserMs, childSystemMs });

test('the growth between two readings is the children\'s CPU time, never negative', (t) => {
  t.deepEqual(childGrowth(times(100, 20), times(350, 30)), { userMs: 250, systemMs: 10 });
  t.deepEqual(childGrowth(times(100, 20), times(100, 10)), { userMs: 0, systemMs: 0 });
});

test('a child\'s program is its executable\'s file name', (t) => {
  t.is(programOf('/usr/bin/qemu-system-x86_64'), 'qemu-system-x86_64');
  t.is(programOf('wimlib-imagex'), 'wimlib-imagex');
  t.is(programOf(undefined), 'unknown');
});

// Serial: the growth of this process's cutime is shared by every test of the file.
test.serial('children started inside the scope are told with their program; those outside are not', async (t) => {
  t.true(startChildCpuTracking());
  const told: Array<{ program: string } & ChildCpu> = [];
  const before = readSelfCpuTimes();
  await runWithChildCpu((program, cpu) => told.push({ program, ...cpu }), async () => {
    await execa('sh', ['-c', 'i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done']);
    await execa('true');
  });
  await execa('sh', ['-c', 'exit 0']); // outside: not told
  const after = readSelfCpuTimes();
  t.deepEqual(told.map((entry) => entry.program), ['sh', 'true']);
  // What was told is the children's growth, less the uncounted child's share (at most all of the rest).
  const toldMs = told.reduce((sum, entry) => sum + entry.userMs + entry.systemMs, 0);
  const grownMs = (after.childUserMs - before.childUserMs) + (after.childSystemMs - before.childSystemMs);
  t.true(toldMs <= grownMs);
});
