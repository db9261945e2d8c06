import test from 'ava';
import { execa } from 'execa';
import { createActor, fromPromise, toPromise } from 'xstate';
import { addChild, startCpuLedger, summarizeCpu } from '../../../harness/run/cpu-ledger.js';
import type { CpuPhaseRecord } from '../../../harness/results/types.js';

const harness = { userMs: 900, systemMs: 100, peakRssMiB: 120 };

test('children of one phase and program add up, with a count of processes', (t) => {
  const tally = new Map<string, CpuPhaseRecord>();
  addChild(tally, 'targets', 'qemu-system-x86_64', { userMs: 5000, systemMs: 700 });
  addChild(tally, 'targets', 'qemu-system-x86_64', { userMs: 4000, systemMs: 600 });
  addChild(tally, 'capture', 'wimlib-imagex', { userMs: 300, systemMs: 50 });
  t.deepEqual([...tally.values()], [
    { phase: 'targets', program: 'qemu-system-x86_64', userMs: 9000, systemMs: 1300, processes: 2 },
    { phase: 'capture', program: 'wimlib-imagex', userMs: 300, systemMs: 50, processes: 1 },
  ]);
});

test('the summary lists phases largest first and names what no phase accounts for', (t) => {
  const counted: CpuPhaseRecord[] = [
    { phase: 'capture', program: 'wimlib-imagex', userMs: 300, systemMs: 50, processes: 1 },
    { phase: 'install', program: 'qemu-system-x86_64', userMs: 8000, systemMs: 900, processes: 1 },
  ];
  const record = summarizeCpu({ wallMs: 10_000, cores: 2, harness, children: { userMs: 8400, systemMs: 1000 }, counted });
  t.deepEqual(record.byPhase.map((entry) => [entry.phase, entry.program, entry.userMs, entry.systemMs]), [
    ['install', 'qemu-system-x86_64', 8000, 900],
    ['capture', 'wimlib-imagex', 300, 50],
    ['outside', 'unattributed', 100, 50],
  ]);
  t.deepEqual(record.harness, harness);
});

test('no remainder row when the phases account for every child', (t) => {
  const counted: CpuPhaseRecord[] = [{ phase: 'targets', program: 'mkntfs', userMs: 10, systemMs: 20, processes: 3 }];
  const record = summarizeCpu({ wallMs: 1, cores: 2, harness, children: { userMs: 10, systemMs: 20 }, counted });
  t.is(record.byPhase.length, 1);
});

test('a step wrapped by inPhase has its children counted under that phase', async (t) => {
  const ledger = startCpuLedger();
  const step = ledger.inPhase('capture', fromPromise<string, void>(async () => {
    await execa('sh', ['-c', 'i=0; while [ $i -lt 50000 ]; do i=$((i+1)); done']);
    return 'done';
  }));
  t.is(await toPromise(createActor(step).start()), 'done');
  const record = ledger.finish();
  t.truthy(record);
  const capture = record!.byPhase.find((entry) => entry.phase === 'capture');
  t.deepEqual(capture && { program: capture.program, processes: capture.processes }, { program: 'sh', processes: 1 });
  t.is(record!.cores > 0, true);
});
